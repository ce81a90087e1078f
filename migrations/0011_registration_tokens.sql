CREATE TABLE `registration_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`issuer_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`token_hint` text NOT NULL,
	`description` text,
	`max_uses` integer,
	`uses` integer DEFAULT 0 NOT NULL,
	`expires_at` integer,
	`last_used_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `registration_tokens_hash_idx` ON `registration_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `registration_tokens_issuer_idx` ON `registration_tokens` (`issuer_id`,`id`);
--> statement-breakpoint
CREATE TABLE `client_registrations` (
	`client_id` text PRIMARY KEY NOT NULL,
	`issuer_id` text NOT NULL,
	`access_token_hash` text NOT NULL,
	`created_at` integer NOT NULL
);
