CREATE TABLE `user_identities` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`issuer_id` text NOT NULL,
	`user_id` text NOT NULL,
	`connection_id` text NOT NULL,
	`provider` text NOT NULL,
	`upstream_issuer` text NOT NULL,
	`subject` text NOT NULL,
	`email` text,
	`profile` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_identities_connection_subject_idx` ON `user_identities` (`issuer_id`,`connection_id`,`subject`);--> statement-breakpoint
CREATE INDEX `user_identities_user_idx` ON `user_identities` (`issuer_id`,`user_id`);