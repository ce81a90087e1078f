import { z } from "zod";

/** A host name, lower case, optionally `*.` for its subdomains. */
const Host = z
  .string()
  .max(253)
  .regex(/^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, {
    message: "must be a lower-case host name, optionally starting with *.",
  });

const description =
  "URL client ids resolved through their Client ID Metadata Documents (draft-ietf-oauth-client-id-metadata-document; docs/client-id-metadata.md).";
const enabledDescription =
  "Whether a URL client_id is fetched as a metadata document (default false).";
const hostsDescription =
  "When set, only URL client ids on these hosts (`*.example.com` for subdomains) are fetched.";

const fields = {
  enabled: z.boolean().default(false).meta({ description: enabledDescription }),
  allowed_hosts: z.array(Host).max(100).optional().meta({ description: hostsDescription }),
};

/** As stored and read back (unknown keys dropped). */
export const ClientIdMetadataSettings = z.object(fields).meta({ description });
/** As a caller sends it: nothing unknown. */
export const ClientIdMetadataSettingsInput = z.strictObject(fields).meta({ description });
/** A PATCH (RFC 7396): `null` removes a key. */
export const ClientIdMetadataSettingsPatch = z
  .strictObject({
    enabled: z.boolean().nullish().meta({ description: enabledDescription }),
    allowed_hosts: z.array(Host).max(100).nullish().meta({ description: hostsDescription }),
  })
  .meta({ description });
