import { TrustDeviceInput } from "@authpi/domain/trusted-devices";
import { z } from "@hono/zod-openapi";
import { UserParams } from "./user.ts";

export const TrustedDeviceSchema = z
  .object({
    id: z.string().openapi({ example: "tdv_01jq7c9m2x4k8r6t0v3w5y7z9a" }),
    fingerprint: z.string().openapi({ description: "SHA-256 (hex) of the device token" }),
    name: z.string().nullable(),
    user_agent: z.string().nullable(),
    trusted_at: z.number().int(),
    expires_at: z.number().int(),
    last_used_at: z.number().int().nullable(),
  })
  .openapi("TrustedDevice");

export const TrustedDeviceCreatedSchema = z
  .object({ device_id: z.string(), expires_at: z.number().int() })
  .openapi("UserTrustedDevicesCreateResponse");

export const RevokeAllSchema = z
  .object({ revoked_count: z.number().int() })
  .openapi("UserTrustedDevicesRevokeAllResponse");

export const TrustDeviceBody = TrustDeviceInput.openapi("TrustDeviceInput");
export const DeviceParams = UserParams.extend({
  device_id: z.string().openapi({ param: { name: "device_id", in: "path" } }),
});
