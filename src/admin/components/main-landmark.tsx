// The page's content in a <main> landmark, so that a screen-reader user jumps past the menu and the
// top bar to it: AdminJS's layout has none. Registered (components/index.ts) in place of the
// wrappers of every kind of page — ResourceRoute (lists), RouteWrapper (records, actions), DashboardRoute (home),
// PageRoute (custom pages), Login — each rendering AdminJS's own component inside.
import React from 'react';

type Overriding = { OriginalComponent?: React.ComponentType<Record<string, unknown>> } & Record<string, unknown>;

const MainLandmark: React.FC<Overriding> = ({ OriginalComponent, ...props }) => (
  <main style={{ display: 'block', flexGrow: 1, minWidth: 0 }}>{OriginalComponent ? <OriginalComponent {...props} /> : null}</main>
);

export default MainLandmark;
