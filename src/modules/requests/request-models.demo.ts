import type { FormField, TaskTemplate } from './request-model.schemas.js';

/** The demo's request catalogue: six common requests across Northwind's services. */
export interface DemoModel {
  name: string;
  description: string;
  service: string;
  group: string;
  targetHours: number;
  approval: 'none' | 'service-owner' | 'security-manager';
  formFields: FormField[];
  tasks: TaskTemplate[];
  /** How often it is asked for, relative to the others. */
  weight: number;
}

export const demoModels: DemoModel[] = [
  {
    name: 'New starter laptop', description: 'A laptop set up with your accounts and standard software, ready on your first day.',
    service: 'Service desk', group: 'End-user computing', targetHours: 40, approval: 'service-owner', weight: 2,
    formFields: [
      { key: 'starterName', label: "New starter's name", kind: 'text', required: true },
      { key: 'startDate', label: 'Start date', kind: 'date', required: true },
      { key: 'laptop', label: 'Laptop', kind: 'enum', required: true, options: ['Standard 14 inch', 'Developer 16 inch'] },
      { key: 'notes', label: 'Anything else we should know', kind: 'longText', required: false },
    ],
    tasks: [{ title: 'Order the laptop', group: 'Procurement' }, { title: 'Image and enrol the laptop' }, { title: 'Create accounts and licences', group: 'Messaging' }, { title: 'Hand the laptop over' }],
  },
  {
    name: 'Software installation', description: 'Install licensed software from the approved list on your computer.',
    service: 'Service desk', group: 'Service desk', targetHours: 16, approval: 'none', weight: 3,
    formFields: [
      { key: 'software', label: 'Software and version', kind: 'text', required: true },
      { key: 'licensed', label: 'I already have a licence', kind: 'boolean', required: false },
      { key: 'reason', label: 'What you need it for', kind: 'longText', required: false },
    ],
    tasks: [{ title: 'Check the licence' }, { title: 'Install the software' }, { title: 'Confirm it works with the requester' }],
  },
  {
    name: 'Access to a shared mailbox', description: 'Read or send-as access to a team mailbox, approved by the service owner.',
    service: 'Microsoft 365 administration', group: 'Messaging', targetHours: 8, approval: 'service-owner', weight: 3,
    formFields: [
      { key: 'mailbox', label: 'Mailbox address', kind: 'text', required: true },
      { key: 'access', label: 'Access', kind: 'enum', required: true, options: ['Read', 'Read and send'] },
      { key: 'justification', label: 'Why you need it', kind: 'longText', required: true },
    ],
    tasks: [{ title: 'Grant the mailbox permission' }, { title: 'Confirm access with the requester' }],
  },
  {
    name: 'Password reset', description: 'Reset a forgotten password once we have confirmed who you are.',
    service: 'Service desk', group: 'Service desk', targetHours: 2, approval: 'none', weight: 4,
    formFields: [
      { key: 'account', label: 'Account name', kind: 'text', required: true },
      { key: 'verification', label: 'How we confirm it is you', kind: 'enum', required: true, options: ['Call me back', 'In person at the desk'] },
    ],
    tasks: [{ title: 'Verify identity' }, { title: 'Reset the password and expire it' }],
  },
  {
    name: 'VPN access', description: 'Remote access to the corporate network, approved by information security.',
    service: 'Network connectivity', group: 'Network', targetHours: 24, approval: 'security-manager', weight: 2,
    formFields: [
      { key: 'reason', label: 'Why you need remote access', kind: 'longText', required: true },
      { key: 'until', label: 'Needed until', kind: 'date', required: false },
    ],
    tasks: [{ title: 'Add the account to the VPN group' }, { title: 'Issue the client certificate', group: 'Security' }, { title: 'Test the connection with the requester' }],
  },
  {
    name: 'Desk move', description: 'Move your computer, phone and network port to another desk.',
    service: 'Service desk', group: 'Facilities', targetHours: 40, approval: 'none', weight: 1,
    formFields: [
      { key: 'fromDesk', label: 'Current desk', kind: 'text', required: true },
      { key: 'toDesk', label: 'New desk', kind: 'text', required: true },
      { key: 'moveDate', label: 'Move on', kind: 'date', required: true },
    ],
    tasks: [{ title: 'Move the equipment' }, { title: 'Patch the network port', group: 'Network' }, { title: 'Test the computer and phone' }],
  },
];

/** Sample answers for a demo request, by model. */
export function demoAnswers(model: string, i: number, day: string): Record<string, string | boolean> {
  const people = ['Priya Shah', 'Tom Baker', 'Grace Liu', 'Omar Haddad', 'Ella Novak'];
  switch (model) {
    case 'New starter laptop': return { starterName: people[i % people.length]!, startDate: day, laptop: i % 3 === 0 ? 'Developer 16 inch' : 'Standard 14 inch' };
    case 'Software installation': return { software: ['Visio 2024', 'Power BI Desktop', 'Adobe Acrobat Pro', 'Python 3.12'][i % 4]!, licensed: i % 2 === 0 };
    case 'Access to a shared mailbox': return { mailbox: ['finance@northwind.example', 'hr@northwind.example', 'support@northwind.example'][i % 3]!, access: i % 2 === 0 ? 'Read' : 'Read and send', justification: 'Covering the team inbox during the month end.' };
    case 'Password reset': return { account: `user${100 + (i % 50)}`, verification: i % 3 === 0 ? 'In person at the desk' : 'Call me back' };
    case 'VPN access': return { reason: 'Working from home two days a week.', until: day };
    default: return { fromDesk: `3.${10 + (i % 20)}`, toDesk: `2.${5 + (i % 30)}`, moveDate: day };
  }
}
