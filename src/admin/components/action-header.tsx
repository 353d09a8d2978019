// The header of every AdminJS page (list, record, action), in place of AdminJS's own: a record's
// page is titled by the record (record-heading.ts), the breadcrumb names each action in French
// (AdminJS's looks the label up without the resource, so the resource's own labels — « Enregistrer
// l'envoi » — were shown as « Send »), the buttons wrap under the title instead of overlapping it
// or running off the page, and the result of the action that led here (carried in the router's
// state by workflow-action.tsx) is shown under it: a full reload would lose AdminJS's notices.
import React from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { Badge, Box, ButtonGroup, H2, H3, type ButtonGroupProps } from '@adminjs/design-system';
import {
  actionHref, buildActionClickHandler, buildActionTestId, useActionResponseHandler, useFilterDrawer, useModal, useTranslation,
  type ActionHeaderProps, type ActionJSON,
} from 'adminjs';
import { RESULT_STATE_KEY, type WorkflowResult } from '../workflow-form.types.js';
import { ActionResult } from './action-result.js';
import { recordHeading } from './record-heading.js';
import { listCountLabel } from '../list-count.js';
import { rememberQueue } from './queue-memory.js';

type Button = ButtonGroupProps['buttons'][number] & { source?: ActionJSON };

const crumbStyle: React.CSSProperties = { color: 'inherit', textDecoration: 'none' };

const ActionHeader: React.FC<ActionHeaderProps> = (props) => {
  const { resource, actionPerformed, record, action, tag, omitActions, toggleFilter: filterVisible } = props;
  const translateFunctions = useTranslation();
  const { translateAction, translateButton, translateLabel } = translateFunctions;
  const navigate = useNavigate();
  const location = useLocation();
  const actionResponseHandler = useActionResponseHandler(actionPerformed);
  const modalFunctions = useModal();
  const { toggleFilter, filtersCount } = useFilterDrawer();
  const result = (location.state as Record<string, WorkflowResult | undefined> | null)?.[RESULT_STATE_KEY];
  // The list is the queue a decision's « Suivant » walks (queue-memory.ts).
  React.useEffect(() => { if (action.name === 'list') rememberQueue(resource.id, location.search); }, [action.name, resource.id, location.search]);
  if (action.hideActionHeader) return null;

  const resourceId = resource.id;
  const params = { resourceId, recordId: record?.id };
  const label = (a: ActionJSON) => translateAction(a.label, resourceId);
  const onClick = (source: ActionJSON) => (event: React.MouseEvent<HTMLElement>) => buildActionClickHandler({
    action: source, params: source.actionType === 'resource' ? { resourceId } : params, actionResponseHandler, navigate, location, translateFunctions, modalFunctions,
  })(event);
  // AdminJS's nesting: an action with a `parent` goes into the dropdown of that name.
  const toButtons = (actions: ActionJSON[]): Button[] => {
    const groups = new Map<string, Button>();
    for (const a of actions) {
      const href = actionHref(a, a.actionType === 'resource' ? { resourceId } : params) ?? undefined;
      const button: Button = {
        icon: a.icon, label: label(a), variant: a.variant, source: a, href, onClick: href ? onClick(a) : undefined,
        'data-testid': buildActionTestId(a), 'data-css': `${a.resourceId}-${a.name}-button`, buttons: [],
      } as Button;
      if (a.parent) {
        const parent = groups.get(a.parent) ?? { label: a.parent, buttons: [] };
        parent.buttons = [...(parent.buttons ?? []), button];
        groups.set(a.parent, parent);
      } else groups.set(a.name, button);
    }
    return [...groups.values()];
  };
  const actionButtons = toButtons(record
    ? record.recordActions.filter((a) => a.name !== action.name)
    : resource.resourceActions.filter((a) => a.name === 'new' && a.name !== action.name));
  if (filterVisible) {
    actionButtons.push({ label: translateButton(filtersCount > 0 ? 'filterActive' : 'filter', resourceId, { count: filtersCount }), onClick: toggleFilter, icon: 'Filter' } as Button);
  }
  const resourceButtons = toButtons(action.showResourceActions ? resource.resourceActions.filter((a) => !['list', 'new'].includes(a.name)) : []);

  const heading = record?.id ? recordHeading(resourceId, record) : null;
  const title = action.name === 'show' && heading ? heading : label(action);
  const Title = action.showInDrawer ? H3 : H2;
  const showUrl = record?.id ? `${resource.href ?? ''}/records/${record.id}/show` : null;
  const crumbs: Array<{ text: string; to?: string }> = [
    { text: translateLabel('dashboard'), to: '/admin' },
    { text: translateLabel(resource.name, resourceId), to: resource.href ?? undefined },
    ...(heading && showUrl ? [{ text: heading, to: action.name === 'show' ? undefined : showUrl }] : []),
    ...(action.name !== 'list' && action.name !== 'show' ? [{ text: label(action) }] : []),
  ];

  return (
    <Box className="adminjs_ActionHeader" data-css={`${resourceId}-${action.name}-action-header`}>
      {!action.showInDrawer ? (
        <Box flex flexDirection="row" flexWrap="wrap" alignItems="center" px={['default', 0]} style={{ gap: 8 }}>
          <Box as="nav" aria-label="Fil d'Ariane" flexGrow={1} data-breadcrumbs>
            {crumbs.map((c, i) => (
              <React.Fragment key={`${i}-${c.text}`}>
                {i > 0 ? <span aria-hidden="true" style={{ padding: '0 8px', color: '#6b6b6b' }}>/</span> : null}
                {c.to && i < crumbs.length - 1 ? <Link to={c.to} style={crumbStyle}>{c.text}</Link> : <span aria-current={i === crumbs.length - 1 ? 'page' : undefined}>{c.text}</span>}
              </React.Fragment>
            ))}
          </Box>
          {resourceButtons.length ? <ButtonGroup size="sm" rounded buttons={resourceButtons} /> : null}
        </Box>
      ) : null}
      <Box mt={action.showInDrawer ? '' : 'lg'} px={['default', 0]}>
        <Title mb="default" style={{ overflowWrap: 'anywhere' }}>
          {title}
          {tag ? <Badge variant="default" outline ml="default">{/^\d+$/.test(String(tag)) ? listCountLabel(Number(tag)) : tag}</Badge> : null}
        </Title>
        {!omitActions && actionButtons.length ? (
          <Box mb="lg" data-action-buttons style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}>
            <ButtonGroup buttons={actionButtons} />
          </Box>
        ) : null}
      </Box>
      {result ? <ActionResult result={result} /> : null}
    </Box>
  );
};

export default ActionHeader;
