CREATE TABLE `agent_verifiers` (
	`id` text PRIMARY KEY NOT NULL,
	`agent_id` text NOT NULL,
	`issuer_id` text NOT NULL,
	`type` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`name` text,
	`description` text,
	`secret_hash` text,
	`credential` text DEFAULT '{}' NOT NULL,
	`usage_count` integer DEFAULT 0 NOT NULL,
	`last_used_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE INDEX `agent_verifiers_agent_idx` ON `agent_verifiers` (`agent_id`,`id`);--> statement-breakpoint
CREATE TABLE `agents` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`issuer_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`model` text,
	`provider` text,
	`version` text,
	`status` text DEFAULT 'active' NOT NULL,
	`status_at` integer,
	`status_reason` text,
	`status_by` text,
	`scopes` text DEFAULT '[]' NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE INDEX `agents_issuer_idx` ON `agents` (`issuer_id`,`id`);