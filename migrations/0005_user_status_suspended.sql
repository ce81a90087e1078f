-- `blocked` is the legacy spelling of AuthPI's `suspended` (docs/decisions/bulk-and-statuses.md):
-- rows written before the status set became AuthPI's read back as `suspended` everywhere.
UPDATE `users` SET `status` = 'suspended' WHERE `status` = 'blocked';
