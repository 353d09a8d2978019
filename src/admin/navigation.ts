// Navigation groups of the back-office menu (French labels, AdminJS feather icons).
export const NAVIGATION = {
  partners: { name: 'Partenaires et conventions', icon: 'Briefcase' },
  habilitations: { name: 'Habilitations', icon: 'Key' },
  mail: { name: 'Courriers et courriels', icon: 'Mail' },
  administration: { name: 'Administration', icon: 'Settings' },
} as const;
