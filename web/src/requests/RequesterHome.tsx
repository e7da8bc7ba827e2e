import { Navigate } from 'react-router';
import { useSignedIn } from '../app/session';
import { StartPage } from '../start/StartPage';
import { isRequesterOnly } from './types';

/** Requesters start in the portal; everyone else on the start page for their roles. */
export function RequesterHome() {
  const session = useSignedIn();
  return isRequesterOnly(session.user.roles) ? <Navigate to="/portal" replace /> : <StartPage />;
}
