CREATE TABLE `accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`name` text,
	`description` text,
	`logo_url` text,
	`owner_user_id` text,
	`metadata` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`org_id` text NOT NULL,
	`issuer_id` text,
	`type` text DEFAULT 'api_key' NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`scopes` text DEFAULT '[]' NOT NULL,
	`ip_allowlist` text,
	`status` text DEFAULT 'active' NOT NULL,
	`status_at` integer,
	`status_reason` text,
	`status_by` text,
	`secret_hash` text NOT NULL,
	`secret_hint` text NOT NULL,
	`previous_secret_hash` text,
	`previous_secret_expires_at` integer,
	`last_rotated_at` integer,
	`expires_at` integer,
	`last_used_at` integer,
	`metadata` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE INDEX `api_keys_account_idx` ON `api_keys` (`account_id`,`id`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`account_id` text NOT NULL,
	`key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`state` text NOT NULL,
	`response_status` integer,
	`response_body` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `idempotency_keys_pk` ON `idempotency_keys` (`account_id`,`key`);--> statement-breakpoint
CREATE TABLE `clients` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`issuer_id` text NOT NULL,
	`type` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`logo_url` text,
	`status` text DEFAULT 'active' NOT NULL,
	`status_at` integer,
	`settings` text NOT NULL,
	`secret_hash` text,
	`secret_hint` text,
	`secret_rotated_at` integer,
	`previous_secret_hash` text,
	`previous_secret_expires_at` integer,
	`metadata` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE INDEX `clients_issuer_idx` ON `clients` (`issuer_id`,`id`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`issuer_id` text,
	`type` text NOT NULL,
	`source` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`actor` text NOT NULL,
	`actor_id` text,
	`request` text,
	`data` text DEFAULT '{}' NOT NULL,
	`queued_at` integer,
	`dispatched_at` integer
);
--> statement-breakpoint
CREATE INDEX `events_account_idx` ON `events` (`account_id`,`id`);--> statement-breakpoint
CREATE INDEX `events_outbox_idx` ON `events` (`queued_at`,`id`);--> statement-breakpoint
CREATE TABLE `issuers` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`name` text,
	`description` text,
	`links` text,
	`available_scopes` text DEFAULT '[]' NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`status_at` integer,
	`settings` text NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE INDEX `issuers_account_idx` ON `issuers` (`account_id`,`id`);--> statement-breakpoint
CREATE TABLE `signing_keys` (
	`kid` text PRIMARY KEY NOT NULL,
	`alg` text NOT NULL,
	`generation` text NOT NULL,
	`public_jwk` text NOT NULL,
	`private_jwk_sealed` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `signing_keys_alg_generation_idx` ON `signing_keys` (`alg`,`generation`);--> statement-breakpoint
CREATE TABLE `memberships` (
	`id` text PRIMARY KEY NOT NULL,
	`issuer_id` text NOT NULL,
	`org_id` text NOT NULL,
	`member_type` text NOT NULL,
	`member_id` text NOT NULL,
	`scopes` text DEFAULT '[]' NOT NULL,
	`user_title` text,
	`status` text DEFAULT 'active' NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	`joined_at` integer NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `memberships_org_member_idx` ON `memberships` (`org_id`,`member_id`);--> statement-breakpoint
CREATE INDEX `memberships_member_idx` ON `memberships` (`member_id`);--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`issuer_id` text NOT NULL,
	`name` text,
	`description` text,
	`logo_url` text,
	`org_type` text DEFAULT 'default' NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`status_at` integer,
	`status_reason` text,
	`status_by` text,
	`settings` text DEFAULT '{}' NOT NULL,
	`profile` text DEFAULT '{}' NOT NULL,
	`custom_fields` text DEFAULT '{}' NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE INDEX `organizations_issuer_idx` ON `organizations` (`issuer_id`,`id`);--> statement-breakpoint
CREATE TABLE `user_verifiers` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`issuer_id` text NOT NULL,
	`type` text NOT NULL,
	`name` text,
	`status` text DEFAULT 'active' NOT NULL,
	`secret_hash` text,
	`credential` text,
	`usage_count` integer DEFAULT 0 NOT NULL,
	`last_used_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE INDEX `user_verifiers_user_idx` ON `user_verifiers` (`user_id`,`type`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`issuer_id` text NOT NULL,
	`username_type` text NOT NULL,
	`username` text NOT NULL,
	`profile` text DEFAULT '{}' NOT NULL,
	`scopes` text DEFAULT '[]' NOT NULL,
	`custom_fields` text DEFAULT '{}' NOT NULL,
	`custom_claims` text DEFAULT '{}' NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`status_at` integer,
	`status_reason` text,
	`status_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_issuer_username_idx` ON `users` (`issuer_id`,`username`);--> statement-breakpoint
CREATE INDEX `users_issuer_idx` ON `users` (`issuer_id`,`id`);