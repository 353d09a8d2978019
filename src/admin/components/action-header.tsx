// AdminJS's action header, followed by the result of the action that led here (carried in the
// router's location state by components/workflow-action.tsx): a full reload would lose AdminJS's
// notices, and a toast disappears before the agent reads a run's report.
import React from 'react';
import { useLocation } from 'react-router';
import type { ActionHeaderProps } from 'adminjs';
import { RESULT_STATE_KEY, type WorkflowResult } from '../workflow-form.types.js';
import { ActionResult } from './action-result.js';

const ActionHeader: React.FC<ActionHeaderProps & { OriginalComponent?: React.ComponentType<ActionHeaderProps> }> = ({ OriginalComponent, ...props }) => {
  const location = useLocation();
  const result = (location.state as Record<string, WorkflowResult | undefined> | null)?.[RESULT_STATE_KEY];
  return (
    <>
      {OriginalComponent ? <OriginalComponent {...props} /> : null}
      {result ? <ActionResult result={result} /> : null}
    </>
  );
};

export default ActionHeader;
