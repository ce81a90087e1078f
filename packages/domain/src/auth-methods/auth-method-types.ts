export {
  AUTH_METHOD_TYPES,
  type AuthMethodType,
  SINGLE_METHODS,
} from "../values/auth-method-types.ts";
