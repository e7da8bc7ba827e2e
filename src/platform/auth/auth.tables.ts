export interface UserTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  active: number;
  must_change_password: number;
  time_zone: string;
  created_at: number;
  updated_at: number;
  version: number;
}

export interface UserRoleTable {
  user_id: string;
  role: string;
}

export interface SessionTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  token_prefix: string;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface LoginFailureTable {
  id: string;
  email: string;
  ip: string;
  at: number;
}

declare module '../db/tables.js' {
  interface CertusTables {
    users: UserTable;
    user_roles: UserRoleTable;
    sessions: SessionTable;
    api_tokens: ApiTokenTable;
    login_failures: LoginFailureTable;
  }
}
