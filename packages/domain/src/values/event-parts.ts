/** Who did something and from where: stored on each event row and sent with each event. */
export type ActorType = "api_key" | "user" | "client" | "agent" | "system";

export interface EventActor {
  type: ActorType;
  id: string | null;
}

export interface EventRequest {
  ip?: string | null;
  user_agent?: string | null;
  request_id?: string | null;
}
