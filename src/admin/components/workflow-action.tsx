// One form for every workflow action (send, sign, denounce, approve, revoke…) and every paper-form
// intake: the fields come from the action's `custom.fields` (see src/admin/workflow-action.ts), the
// server validates and answers with field errors, a preview (e.g. the end date of a notice, shown
// before confirming) or its result and the page to go to. The required fields are checked before
// the confirmation, asked in our own French dialog (window.confirm's buttons follow the browser's
// language). The result is carried to the next page in the router's state (components/
// action-header.tsx shows it): a full reload would drop it.
// A decision (approve, incomplete, refuse: `decision`) is taken on one screen: the record and its scan
// beside the form (decision-layout.tsx), what will be sent previewed live (sent-preview.tsx), the
// modèles de motif offered (reason-template-picker.tsx) and the queue the agent came from sent along,
// so that the result offers « Suivant » (queue-memory.ts).
import React, { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { Box, Button, FormGroup, H3, H4, Input, Label, MessageBox, Text, TextArea } from '@adminjs/design-system';
import { ApiClient, useNotice, type ActionProps } from 'adminjs';
import {
  FORM_ERRORS, QUEUE_PARAM, REASON_TEMPLATES_PARAM, RESULT_STATE_KEY, type FormSpec, type PreviewDetails, type ReasonTemplateOption, type WorkflowResult,
} from '../workflow-form.types.js';
import { ActionResult } from './action-result.js';
import { ConfirmDialog } from './confirm-dialog.js';
import { DecisionLayout } from './decision-layout.js';
import { rememberedQueue } from './queue-memory.js';
import { ReasonTemplatePicker } from './reason-template-picker.js';
import { SentPreview } from './sent-preview.js';

const REQUIRED_MESSAGE = 'Ce champ est obligatoire.';
/** Pages of the back-office itself (reached through the router); other addresses are files (CSV, PDF). */
const isAdminPage = (url: string) => /^\/admin\/(resources|pages)\//.test(url) || url === '/admin';

const api = new ApiClient();
/** The live preview waits for the agent to stop typing this long. */
const LIVE_PREVIEW_DELAY_MS = 400;

type Answer = {
  preview?: string; previewDetails?: PreviewDetails; notice?: { message: string; type: 'success' | 'error' }; redirectUrl?: string; result?: WorkflowResult;
  record?: { errors?: Record<string, { message: string }> }; errors?: Record<string, { message: string }>;
};

const WorkflowAction: React.FC<ActionProps> = ({ action, resource, record }) => {
  const spec = action.custom as FormSpec;
  const perRecord = spec.recordFields ? record?.params?.[spec.recordFields] : undefined;
  const fields = [...(typeof perRecord === 'string' && perRecord ? JSON.parse(perRecord) as FormSpec['fields'] : []), ...spec.fields];
  const initial = Object.fromEntries(fields.map((f) => [f.name, f.defaultValue ?? (f.type === 'checkbox' ? 'false' : '')]));
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [files, setFiles] = useState<Record<string, File | undefined>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<string | null>(null);
  const [details, setDetails] = useState<PreviewDetails | null>(null);
  // A live preview the server refused (a check of the approval fails): the message, and the submit is off.
  const [previewRefusal, setPreviewRefusal] = useState<string | null>(null);
  const templatesParam = spec.templates ? record?.params?.[REASON_TEMPLATES_PARAM] : undefined;
  const templates = typeof templatesParam === 'string' && templatesParam ? JSON.parse(templatesParam) as ReasonTemplateOption[] : [];
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<WorkflowResult | null>(null);
  const [confirming, setConfirming] = useState(false);
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<string | null>(null);
  const addNotice = useNotice();

  const set = (name: string, value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    if (!spec.livePreview) setPreview(null);
  };

  const formData = (extra: Record<string, string> = {}) => {
    const data = new FormData();
    for (const [k, v] of Object.entries({ ...values, ...extra })) data.append(k, v);
    for (const [k, f] of Object.entries(files)) if (f) data.append(k, f);
    return data;
  };
  const call = async (data: FormData) => {
    const params = { resourceId: resource.id, actionName: action.name, data, method: 'post' as const };
    const response = record ? await api.recordAction({ ...params, recordId: record.id }) : await api.resourceAction(params);
    return response.data as Answer;
  };

  // The live preview (spec.livePreview): asked when the form opens, then once the agent stops typing;
  // an answer to an older state of the form is dropped.
  const asked = useRef(0);
  useEffect(() => {
    if (!spec.livePreview) return undefined;
    const ticket = ++asked.current;
    const timer = window.setTimeout(async () => {
      try {
        const body = await call(formData({ __preview: '1' }));
        if (ticket !== asked.current) return;
        const fieldErrors = body.errors ?? body.record?.errors ?? {};
        setErrors(Object.fromEntries(Object.entries(fieldErrors).map(([k, e]) => [k, e.message])));
        setPreviewRefusal(body.notice?.type === 'error' ? body.notice.message : null);
        setPreview(body.preview ?? null);
        setDetails(body.previewDetails ?? null);
      } catch { /* the decision itself will say */ }
    }, asked.current === 1 ? 0 : LIVE_PREVIEW_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [spec.livePreview, values]);

  const pickTemplate = (template: ReasonTemplateOption) => {
    if (!spec.templates) return;
    const { field, codeField } = spec.templates;
    setValues((v) => ({ ...v, [field]: template.text, ...(codeField && template.incompleteReason ? { [codeField]: template.incompleteReason } : {}) }));
  };

  /** The required fields, checked in the browser before the confirmation (the server checks again). */
  const missingRequired = () => {
    const missing = Object.fromEntries(fields
      .filter((f) => f.required && (f.type === 'file' ? !files[f.name] : !String(values[f.name] ?? '').trim()))
      .map((f) => [f.name, REQUIRED_MESSAGE]));
    setErrors(missing);
    setFailure(Object.keys(missing).length ? FORM_ERRORS : null);
    return Object.keys(missing).length > 0;
  };

  const submit = () => {
    if (missingRequired()) return;
    if (spec.confirm) setConfirming(true);
    else void send('submit');
  };

  const send = async (mode: 'preview' | 'submit') => {
    setConfirming(false);
    setBusy(true);
    setFailure(null);
    // Long runs (e.g. the renewal run) write their progress in « Tâches planifiées »: poll it meanwhile.
    const startedAt = Date.now();
    const poll = spec.progressJob && mode === 'submit' ? window.setInterval(async () => {
      try {
        const list = await api.resourceAction({ resourceId: 'JobRun', actionName: 'list', params: { 'filters.job': spec.progressJob, sortBy: 'startedAt', direction: 'desc', perPage: 1 } });
        const run = (list.data as { records?: Array<{ params: { counts?: string; startedAt?: string } }> }).records?.[0];
        if (!run?.params.counts || new Date(run.params.startedAt ?? 0).getTime() < startedAt - 5000) return;
        const counts = JSON.parse(run.params.counts) as { done?: number; total?: number };
        if (counts.total) setProgress(`Avancement : ${counts.done ?? 0} / ${counts.total}`);
      } catch { /* the final answer will tell */ }
    }, 500) : undefined;
    try {
      const extra: Record<string, string> = mode === 'preview' ? { __preview: '1' } : {};
      if (spec.queue && mode === 'submit') extra[QUEUE_PARAM] = rememberedQueue(resource.id);
      const body = await call(formData(extra));
      const fieldErrors = body.errors ?? body.record?.errors ?? {};
      setErrors(Object.fromEntries(Object.entries(fieldErrors).map(([k, e]) => [k, e.message])));
      if (body.preview) setPreview(body.preview);
      if (body.notice?.type === 'error') {
        setFailure(body.notice.message);
        addNotice(body.notice);
      } else if (body.notice) {
        const done = body.result ?? { message: body.notice.message };
        if (!body.redirectUrl) setResult(done); // a success without a page to go to: the result stays here
        else if (isAdminPage(body.redirectUrl)) navigate(body.redirectUrl, { state: { [RESULT_STATE_KEY]: done } });
        else window.location.assign(body.redirectUrl); // a file (CSV…): the browser downloads it
      }
    } catch (error) {
      const message = (error as { response?: { data?: { notice?: { message?: string } } } }).response?.data?.notice?.message
        ?? "L'action n'a pas pu être enregistrée. Réessayez ou contactez l'administrateur.";
      setFailure(message);
    } finally {
      if (poll) window.clearInterval(poll);
      setProgress(null);
      setBusy(false);
    }
  };

  const form = (
    <Box variant="white" p="xl">
      {record && !spec.decision ? <H3>{record.title}</H3> : null}
      {record && spec.decision ? <H4>La décision</H4> : null}
      {spec.intro ? <Text mb="lg" variant={spec.decision ? 'sm' : undefined}>{spec.intro}</Text> : null}
      {failure ? <MessageBox mb="lg" variant="danger" message={failure} /> : null}
      {result ? <ActionResult result={result} /> : null}
      {confirming && spec.confirm ? (
        <ConfirmDialog question={spec.confirm} confirmLabel={spec.submitLabel} onConfirm={() => void send('submit')} onCancel={() => setConfirming(false)} />
      ) : null}
      <form noValidate onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <ReasonTemplatePicker templates={templates} onPick={pickTemplate} />
        {fields.map((field) => (
          <FormGroup key={field.name} error={Boolean(errors[field.name])}>
            <Label htmlFor={`f-${field.name}`} required={field.required}>{field.label}</Label>
            {field.type === 'textarea' ? (
              <TextArea id={`f-${field.name}`} name={field.name} width={1} rows={4} value={values[field.name]}
                onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => set(field.name, e.target.value)} />
            ) : field.type === 'select' ? (
              <select id={`f-${field.name}`} name={field.name} value={values[field.name]} style={{ width: '100%', padding: 8 }}
                onChange={(e) => set(field.name, e.target.value)}>
                <option value="">— Choisir —</option>
                {(field.options ?? []).map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
              </select>
            ) : field.type === 'checkbox' ? (
              <input id={`f-${field.name}`} name={field.name} type="checkbox" checked={values[field.name] === 'true'}
                onChange={(e) => set(field.name, e.target.checked ? 'true' : 'false')} />
            ) : field.type === 'file' ? (
              <input id={`f-${field.name}`} name={field.name} type="file" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                onChange={(e) => { setFiles((f) => ({ ...f, [field.name]: e.target.files?.[0] })); setPreview(null); }} />
            ) : (
              <Input id={`f-${field.name}`} name={field.name} type={field.type} width={1} value={values[field.name]}
                onChange={(e: React.ChangeEvent<HTMLInputElement>) => set(field.name, e.target.value)} />
            )}
            {field.help ? <Text variant="sm" color="grey60">{field.help}</Text> : null}
            {errors[field.name] ? <Text variant="sm" color="error" role="alert">{errors[field.name]}</Text> : null}
          </FormGroup>
        ))}
        {previewRefusal ? <MessageBox mb="lg" variant="danger" message={previewRefusal} data-checks /> : null}
        {preview ? <MessageBox mb="lg" variant="info" message={preview} data-checks /> : null}
        {busy && spec.progressJob ? <MessageBox mb="lg" variant="info" message={progress ?? 'Traitement en cours…'} /> : null}
        <Box mt="xl" flex flexDirection="row">
          {spec.previewLabel ? (
            <Button type="button" variant="outlined" mr="default" disabled={busy} onClick={() => void send('preview')}>{spec.previewLabel}</Button>
          ) : null}
          <Button type="submit" variant="contained" disabled={busy || Boolean(spec.previewLabel && !preview) || Boolean(spec.livePreview && previewRefusal)}>{spec.submitLabel}</Button>
        </Box>
      </form>
      {details && !spec.decision ? <SentPreview details={details} /> : null}
    </Box>
  );
  if (!spec.decision || !record) return form;
  return <DecisionLayout resource={resource} record={record} after={details ? <SentPreview details={details} /> : null}>{form}</DecisionLayout>;
};

export default WorkflowAction;
