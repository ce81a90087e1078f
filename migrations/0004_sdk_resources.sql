CREATE TABLE `auth_methods` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`issuer_id` text NOT NULL,
	`name` text NOT NULL,
	`method` text NOT NULL,
	`enabled` integer NOT NULL,
	`first_factor_only` integer DEFAULT false NOT NULL,
	`settings` text DEFAULT '{}' NOT NULL,
	`client_secret_sealed` text,
	`created_at` integer NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE INDEX `auth_methods_issuer_idx` ON `auth_methods` (`issuer_id`,`id`);--> statement-breakpoint
CREATE TABLE `credit_ledger` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`type` text NOT NULL,
	`amount_musd` integer NOT NULL,
	`balance_after_musd` integer NOT NULL,
	`operation` text,
	`reference` text,
	`external_reference` text,
	`recorded_by` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `credit_ledger_external_idx` ON `credit_ledger` (`account_id`,`external_reference`);--> statement-breakpoint
CREATE UNIQUE INDEX `credit_ledger_account_idx` ON `credit_ledger` (`account_id`,`id`);--> statement-breakpoint
CREATE TABLE `account_domains` (
	`account_id` text NOT NULL,
	`host` text NOT NULL,
	`verification_token` text NOT NULL,
	`verified_at` integer,
	`last_checked_at` integer,
	`assigned_issuer_id` text,
	`assigned_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	PRIMARY KEY(`account_id`, `host`)
);
--> statement-breakpoint
CREATE INDEX `account_domains_host_idx` ON `account_domains` (`host`);--> statement-breakpoint
CREATE INDEX `account_domains_issuer_idx` ON `account_domains` (`assigned_issuer_id`);--> statement-breakpoint
CREATE TABLE `organization_groups` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`issuer_id` text NOT NULL,
	`org_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`scopes` text DEFAULT '[]' NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organization_groups_name_idx` ON `organization_groups` (`org_id`,`name`);--> statement-breakpoint
CREATE INDEX `organization_groups_issuer_idx` ON `organization_groups` (`issuer_id`);--> statement-breakpoint
CREATE TABLE `note_mentions` (
	`note_id` text NOT NULL,
	`account_id` text NOT NULL,
	`mentioned_user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`note_id`, `mentioned_user_id`)
);
--> statement-breakpoint
CREATE INDEX `note_mentions_user_idx` ON `note_mentions` (`account_id`,`mentioned_user_id`);--> statement-breakpoint
CREATE TABLE `note_references` (
	`note_id` text NOT NULL,
	`account_id` text NOT NULL,
	`ref_type` text NOT NULL,
	`ref_id` text NOT NULL,
	`ref_issuer_id` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`note_id`, `ref_type`, `ref_id`)
);
--> statement-breakpoint
CREATE INDEX `note_references_ref_idx` ON `note_references` (`account_id`,`ref_type`,`ref_id`);--> statement-breakpoint
CREATE TABLE `notes` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`issuer_id` text,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`content` text NOT NULL,
	`pinned` integer DEFAULT false NOT NULL,
	`created_by` text NOT NULL,
	`updated_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE INDEX `notes_account_idx` ON `notes` (`account_id`,`pinned`,`id`);--> statement-breakpoint
CREATE INDEX `notes_subject_idx` ON `notes` (`account_id`,`subject_type`,`subject_id`);--> statement-breakpoint
CREATE INDEX `notes_issuer_idx` ON `notes` (`issuer_id`);--> statement-breakpoint
CREATE TABLE `organization_sso_domains` (
	`account_id` text NOT NULL,
	`issuer_id` text NOT NULL,
	`org_id` text NOT NULL,
	`host` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`org_id`, `host`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organization_sso_domains_issuer_host_idx` ON `organization_sso_domains` (`issuer_id`,`host`);--> statement-breakpoint
CREATE INDEX `organization_sso_domains_account_host_idx` ON `organization_sso_domains` (`account_id`,`host`);--> statement-breakpoint
CREATE TABLE `trusted_devices` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`issuer_id` text NOT NULL,
	`user_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`name` text,
	`user_agent` text,
	`trusted_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`last_used_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `trusted_devices_user_token_idx` ON `trusted_devices` (`user_id`,`token_hash`);--> statement-breakpoint
CREATE INDEX `trusted_devices_issuer_idx` ON `trusted_devices` (`issuer_id`);--> statement-breakpoint
ALTER TABLE `organizations` ADD `sso_enabled` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `organizations` ADD `sso_only` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `organizations` ADD `sso` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `organizations` ADD `sso_client_secret_sealed` text;--> statement-breakpoint
-- Issuers created before auth methods existed get the defaults a new issuer gets (password, passkeys, authenticator app, backup codes), with ids ordered after their issuer's.
INSERT INTO `auth_methods` (`id`, `account_id`, `issuer_id`, `name`, `method`, `enabled`, `first_factor_only`, `settings`, `created_at`) SELECT 'am_' || substr(`id`, 3) || 'a', `account_id`, `id`, 'Password', 'password', 1, 1, '{"min_length":8,"max_length":256}', `created_at` FROM `issuers`;--> statement-breakpoint
INSERT INTO `auth_methods` (`id`, `account_id`, `issuer_id`, `name`, `method`, `enabled`, `first_factor_only`, `settings`, `created_at`) SELECT 'am_' || substr(`id`, 3) || 'b', `account_id`, `id`, 'Passkeys', 'webauthn', 1, 0, '{"user_verification":"preferred","resident_key":"preferred","attestation":"none"}', `created_at` FROM `issuers`;--> statement-breakpoint
INSERT INTO `auth_methods` (`id`, `account_id`, `issuer_id`, `name`, `method`, `enabled`, `first_factor_only`, `settings`, `created_at`) SELECT 'am_' || substr(`id`, 3) || 'c', `account_id`, `id`, 'Authenticator app', 'totp_app', 1, 0, '{}', `created_at` FROM `issuers`;--> statement-breakpoint
INSERT INTO `auth_methods` (`id`, `account_id`, `issuer_id`, `name`, `method`, `enabled`, `first_factor_only`, `settings`, `created_at`) SELECT 'am_' || substr(`id`, 3) || 'd', `account_id`, `id`, 'Backup codes', 'backup_codes', 1, 0, '{"count":10}', `created_at` FROM `issuers`;
