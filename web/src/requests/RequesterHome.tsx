import { Navigate } from 'react-router';
import { useSignedIn } from '../app/session';
import { MyWorkPage } from '../work/MyWorkPage';
import { isRequesterOnly } from './types';

/** Requesters start in the portal; everyone else in "My work". */
export function RequesterHome() {
  const session = useSignedIn();
  return isRequesterOnly(session.user.roles) ? <Navigate to="/portal" replace /> : <MyWorkPage />;
}
