// Actions on the outbox (« Renvoyer »), campaigns (proof of notice) and the journal (legal hold):
// thin adapters over the use cases.
import { documentUrl, producedDocument, workflowAction } from '../../src/admin/workflow-action.js';
import { services } from '../../src/admin/services.js';
import { resendOutboxEmail } from '../../src/domain/outbox/outbox.use-cases.js';
import { setLegalHold } from '../../src/domain/audit/legal-hold.js';
import { printRenewalNoticesToPost } from '../../src/domain/documents/renewal-by-post.js';

export const outboxEmailActions = {
  resend: workflowAction({
    actionType: 'record',
    icon: 'RefreshCw',
    intro: "Le courriel repart dans la file d'envoi avec une nouvelle série de tentatives.",
    fields: [],
    submitLabel: 'Renvoyer le courriel',
    when: (params) => params.status === 'echec',
    run: async (_payload, actor, context) => {
      const outcome = await resendOutboxEmail(services(), Number(context.record?.id()), actor);
      return outcome.ok ? { ok: true, message: outcome.message } : outcome;
    },
  }),
};

export const passwordCampaignActions = {
  exportProof: workflowAction({
    actionType: 'record',
    icon: 'Download',
    intro: 'Preuve d’information préalable des habilités : destinataire, adresse, date d’envoi et état, au format CSV (tableur).',
    fields: [],
    submitLabel: 'Télécharger la preuve (CSV)',
    run: async (_payload, _actor, context) => ({
      ok: true, message: 'Téléchargement de la preuve…', redirectUrl: `/admin/campagnes/${context.record?.id()}/preuve.csv`,
    }),
  }),
};

export const documentActions = {
  download: workflowAction({
    actionType: 'record',
    icon: 'Download',
    fields: [],
    submitLabel: 'Télécharger le PDF',
    run: async (_payload, _actor, context) => ({ ok: true, message: 'Téléchargement…', redirectUrl: documentUrl(Number(context.record?.id())) }),
  }),
  printToPost: workflowAction({
    actionType: 'resource',
    icon: 'Printer',
    intro: 'Avis de reconduction des partenaires sans adresse électronique (ni représentant, ni responsable habilitations) : '
      + 'un PDF à imprimer et à poster, et la liste des conventions concernées.',
    fields: [],
    submitLabel: 'Imprimer les avis à envoyer par courrier',
    run: async (_payload, actor) => {
      const { dataSource, storage, clock } = services();
      const result = await printRenewalNoticesToPost(dataSource, storage, actor, clock.now());
      const unavailable = result.unavailable.length
        ? ` Avis non imprimables (fichier modifié ou introuvable, l'administrateur a été alerté) : ${result.unavailable.join(', ')}.` : '';
      if (!result.document) {
        return unavailable ? { ok: false, message: unavailable.trim() } : { ok: true, message: 'Aucun avis à envoyer par courrier : tous les avis récents sont partis par courriel.' };
      }
      return {
        ok: true,
        message: `${result.conventions.length} avis à envoyer par courrier : ${result.conventions.join(', ')}.${unavailable}`,
        document: producedDocument(result.document.id, 'Télécharger les avis (PDF)'),
      };
    },
  }),
};

export const auditEventActions = {
  setLegalHold: workflowAction({
    actionType: 'record',
    icon: 'Lock',
    intro: 'Conserver cette entrée au-delà de la durée de 6 mois (procédure en cours, contrôle…).',
    fields: [{ name: 'reason', label: 'Motif de la conservation', type: 'textarea', required: true }],
    submitLabel: 'Conserver',
    when: (params) => params.legalHold !== true && params.legalHold !== 'true',
    run: (payload, actor, context) => setLegalHold(services().dataSource, actor, Number(context.record?.id()), true, String(payload.reason ?? '')),
  }),
  releaseLegalHold: workflowAction({
    actionType: 'record',
    icon: 'Unlock',
    fields: [],
    submitLabel: 'Lever la conservation',
    confirm: 'Lever la conservation ? L’entrée sera supprimée par la purge si elle a plus de 6 mois.',
    when: (params) => params.legalHold === true || params.legalHold === 'true',
    run: (_payload, actor, context) => setLegalHold(services().dataSource, actor, Number(context.record?.id()), false, null),
  }),
};
