ALTER TABLE `signing_keys` ADD `issuer_id` text;--> statement-breakpoint
ALTER TABLE `signing_keys` ADD `activates_at` integer;
