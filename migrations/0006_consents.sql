CREATE TABLE `consents` (
	`account_id` text NOT NULL,
	`issuer_id` text NOT NULL,
	`user_id` text NOT NULL,
	`client_id` text NOT NULL,
	`scopes` text NOT NULL,
	`granted_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`issuer_id`, `user_id`, `client_id`)
);
--> statement-breakpoint
CREATE INDEX `consents_client_idx` ON `consents` (`issuer_id`,`client_id`);