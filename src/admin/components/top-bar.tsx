// The top bar of every back-office page (AdminJS's TopBar, overridden): the menu button on small
// screens, the one search box (issue 13 §4) and the user menu. The box is a plain GET form to
// /admin/recherche (src/http/search-page.ts): Enter opens the record of an exact reference, or the
// results grouped by kind. AdminJS's version line and language choice are left out (French only).
import React from 'react';
import { useSelector } from 'react-redux';
import { Box, Icon } from '@adminjs/design-system';
import { LoggedIn, type ReduxState } from 'adminjs';

const SEARCH_URL = '/admin/recherche';

const TopBar: React.FC<{ toggleSidebar: () => void }> = ({ toggleSidebar }) => {
  const session = useSelector((state: ReduxState) => state.session);
  const paths = useSelector((state: ReduxState) => state.paths);
  return (
    <Box
      data-css="topbar"
      flex
      flexDirection="row"
      alignItems="center"
      flexShrink={0}
      style={{ height: 64, borderBottom: '1px solid #eeeefb', background: '#fff' }}
    >
      {/* A real button (AdminJS's is a bare box): named, and reachable with the keyboard. */}
      <Box py="lg" px={['default', 'lg']} display={['block', 'block', 'block', 'block', 'none']}>
        <button type="button" onClick={toggleSidebar} aria-label="Ouvrir ou fermer le menu" style={{ background: 'none', border: 0, padding: 4, cursor: 'pointer' }}>
          <Icon icon="Menu" size={24} />
        </button>
      </Box>
      <Box flexGrow={1} px="xl">
        <form method="get" action={SEARCH_URL} role="search" data-css="global-search" style={{ display: 'flex', alignItems: 'center', maxWidth: 560 }}>
          <label htmlFor="global-search" style={{ position: 'absolute', left: -10000 }}>Rechercher</label>
          <input
            id="global-search"
            name="q"
            type="search"
            // No `required` / `minLength`: the browser's own message would follow its language
            // (« Please fill out this field »); the results page says it in French.
            placeholder="Rechercher : nom, e-mail, SIRET, identifiant, n° de convention, référence DA-…"
            style={{ flexGrow: 1, height: 40, padding: '0 12px', border: '1px solid #c0c0ca', borderRadius: 4, fontSize: 14 }}
          />
          <button type="submit" aria-label="Lancer la recherche" style={{ height: 40, marginLeft: 8, padding: '0 14px', border: 0, borderRadius: 4, background: '#3040d6', color: '#fff', cursor: 'pointer' }}>
            <Icon icon="Search" color="white" />
          </button>
        </form>
      </Box>
      {session && session.email ? <LoggedIn session={session} paths={paths} /> : null}
    </Box>
  );
};

export default TopBar;
