/** The holder details the demo data is generated from; account ids match scripts/demo-directory.ts. */
export interface DemoAccountProfile {
  accountId: string;
  holderName: string;
  email: string;
  country: string;
  /** Only the anonymous-links service (de-linked, no subscriber details) is this thin. */
  linksOnly?: boolean;
  /** Content the provider only stores encrypted under the customer's own key (tenant key option customer_held). */
  customerHeldContent?: boolean;
}

/** The demo accounts: consumers Pat (two services) and Lee (customer-held key), Fabrikam's two mailboxes, Northwind's owner. */
export const DEMO_DATA_ACCOUNTS: readonly DemoAccountProfile[] = [
  { accountId: "acct-pat-0001", holderName: "Pat Doe", email: "pat@outlook.example", country: "US" },
  { accountId: "acct-pat-0002", holderName: "(anonymous link owner)", email: "share-7f3a9c@links.example", country: "US", linksOnly: true },
  { accountId: "acct-lee-0001", holderName: "Lee Byrne", email: "lee@outlook.example", country: "IE", customerHeldContent: true },
  { accountId: "acct-fab-0001", holderName: "Fabrikam CEO", email: "ceo@fabrikam.example", country: "DE" },
  { accountId: "acct-fab-0002", holderName: "Fabrikam Sales", email: "sales@fabrikam.example", country: "DE" },
  { accountId: "acct-nw-0001", holderName: "Northwind Owner", email: "owner@northwind.example", country: "US" },
];
