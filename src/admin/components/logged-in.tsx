// The user menu (top right): the « Mon compte » pages next to AdminJS's « Se déconnecter », one click
// away from every page (paths of src/http/account-layout.ts; this file is bundled for the browser).
import React from 'react';
import { Box, CurrentUserNav, type CurrentUserNavProps } from '@adminjs/design-system';
import { useTranslation, type CurrentAdmin } from 'adminjs';

const LoggedIn: React.FC<{ session: CurrentAdmin; paths: { logoutPath: string } }> = ({ session, paths }) => {
  const { translateButton } = useTranslation();
  const dropActions: CurrentUserNavProps['dropActions'] = [
    { label: 'Changer mon mot de passe', href: '/admin/mon-compte/mot-de-passe', icon: 'Key' },
    { label: 'Mes sessions', href: '/admin/mon-compte/sessions', icon: 'Monitor' },
    { label: translateButton('logout'), href: paths.logoutPath, icon: 'LogOut' },
  ];
  return (
    <Box flexShrink={0} data-css="logged-in">
      <CurrentUserNav name={session.email} title={session.title} avatarUrl={session.avatarUrl} dropActions={dropActions} />
    </Box>
  );
};

export default LoggedIn;
