import { parse } from "csv-parse/sync";
import type { FieldProblem } from "../errors/domain-error";

/** The columns of a tenant import CSV, one row per identifier (docs/customer-directory.md). */
export const TENANT_CSV_COLUMNS = [
  "tenant_id",
  "tenant_name",
  "kind",
  "seats",
  "commercial_service",
  "data_country",
  "key_option",
  "key_vault_url",
  "key_name",
  "customer_public_key_pem",
  "admins",
  "delinked_services",
  "legal_contact_organisation",
  "legal_contact_name",
  "legal_contact_email",
  "legal_contact_phone",
  "account_id",
  "service",
  "holder_email",
  "identifier_type",
  "identifier_value",
] as const;

type Column = (typeof TENANT_CSV_COLUMNS)[number];
type Row = Record<Column, string>;

const TENANT_COLUMNS: readonly Column[] = TENANT_CSV_COLUMNS.slice(0, 16);
const ACCOUNT_COLUMNS: readonly Column[] = ["service", "holder_email"];

/** CSV rows turned into import entries, with where each entry's parts came from (for problems by row). */
export interface CsvEntries {
  entries: unknown[];
  /** The CSV location ("row 3" or "row 3.seats") of an entry's path (as zod reports it, e.g. "accounts.0.identifiers.1.value"). */
  locate(entryIndex: number, path: string): string;
  problems: FieldProblem[];
}

/**
 * Reads a tenant import CSV: a header row with the columns above (any order), then one row per identifier; a
 * tenant's columns come from its first row and later rows leave them empty or repeat them; a tenant without
 * accounts is one row with the account columns empty. Lists (admins, delinked services) are ";"-separated,
 * an admin as "Name <email>". Rows of empty cells at the end are skipped; every other row that cannot be read is a
 * problem, never a stop. Problems name rows as a spreadsheet numbers them (the header is row 1, empty lines count).
 */
export function readTenantCsv(text: string): CsvEntries {
  const problems: FieldProblem[] = [];
  let records: string[][];
  try {
    // Empty lines are kept: a row's number is its record's number, as a spreadsheet shows it (a quoted cell's line
    // breaks stay in its row), and a dropped empty line would make every later problem name the row above.
    records = parse(text, { bom: true, skip_empty_lines: false, relax_column_count: true, trim: false }) as string[][];
  } catch (error) {
    const line = (error as { lines?: unknown }).lines;
    return { entries: [], locate: () => "(body)", problems: [{ path: typeof line === "number" ? `line ${line}` : "(body)", message: "is not valid CSV" }] };
  }
  // Empty lines before the header are skipped, as they always were, and counted in the row numbers.
  const headerAt = Math.max(0, records.findIndex((cells) => cells.some((cell) => cell.trim() !== "")));
  const [header = [], ...all] = records.slice(headerAt);
  const headerRow = `row ${headerAt + 1}`;
  // A spreadsheet export ends with rows of empty cells (",,,"); only those at the end are skipped: one between rows may be a lost row.
  let end = all.length;
  while (end > 0 && (all[end - 1] ?? []).every((cell) => cell.trim() === "")) end -= 1;
  const rows = all.slice(0, end);
  const columns = header.map((name) => name.trim().toLowerCase());
  const unknown = columns.filter((name) => !(TENANT_CSV_COLUMNS as readonly string[]).includes(name));
  const missing = (["tenant_id", "tenant_name", "kind", "data_country"] as const).filter((name) => !columns.includes(name));
  // Cells are read from a column's first occurrence: a second one (a careless paste) would be dropped unseen.
  const twice = [...new Set(columns.filter((name, index) => columns.indexOf(name) !== index))];
  if (unknown.length > 0) problems.push({ path: headerRow, message: `unknown columns: ${unknown.join(", ")}` });
  if (twice.length > 0) problems.push({ path: headerRow, message: `columns named twice: ${twice.join(", ")}` });
  if (missing.length > 0) problems.push({ path: headerRow, message: `missing columns: ${missing.join(", ")}` });
  if (problems.length > 0) return { entries: [], locate: () => "(body)", problems };

  const tenants = new Map<string, { entry: Record<string, unknown>; first: Row; row: number; accounts: Map<string, { account: Record<string, unknown>; row: number; identifiers: number[] }> }>();
  rows.forEach((cells, index) => {
    const rowNumber = index + headerAt + 2;
    const row = Object.fromEntries(TENANT_CSV_COLUMNS.map((name) => [name, (cells[columns.indexOf(name)] ?? "").trim()])) as Row;
    if (cells.length > columns.length) problems.push({ path: `row ${rowNumber}`, message: `has ${cells.length} cells, the header ${columns.length}` });
    if (row.tenant_id === "") return void problems.push({ path: `row ${rowNumber}.tenant_id`, message: "is required" });
    let tenant = tenants.get(row.tenant_id);
    if (tenant === undefined) {
      tenant = { entry: tenantFromRow(row), first: row, row: rowNumber, accounts: new Map() };
      tenants.set(row.tenant_id, tenant);
      // The consumer defaults (1 seat, not commercial) would make an organisation left blank never an enterprise (R4).
      if (row.kind === "organisation") {
        for (const column of ["seats", "commercial_service"] as const) {
          if (row[column] === "") problems.push({ path: `row ${rowNumber}.${column}`, message: "is required for an organisation (it decides whether its demands are redirected to it)" });
        }
      }
    } else {
      for (const column of TENANT_COLUMNS) {
        if (row[column] !== "" && row[column] !== tenant.first[column]) problems.push({ path: `row ${rowNumber}.${column}`, message: `differs from row ${tenant.row} of the same tenant` });
      }
    }
    // A row is account-less only when every account column is empty: a holder email without an account id was dropped unseen.
    if ([row.account_id, row.service, row.holder_email, row.identifier_type, row.identifier_value].every((cell) => cell === "")) return;
    if (row.account_id === "") return void problems.push({ path: `row ${rowNumber}.account_id`, message: "is required with an account's service, holder email or identifier" });
    let account = tenant.accounts.get(row.account_id);
    if (account === undefined) {
      account = { account: { accountId: row.account_id, service: row.service, ...(row.holder_email === "" ? {} : { holderEmail: row.holder_email }), identifiers: [] }, row: rowNumber, identifiers: [] };
      tenant.accounts.set(row.account_id, account);
    } else {
      for (const column of ACCOUNT_COLUMNS) {
        const first = column === "service" ? account.account.service : (account.account.holderEmail ?? "");
        if (row[column] !== "" && row[column] !== first) problems.push({ path: `row ${rowNumber}.${column}`, message: `differs from row ${account.row} of the same account` });
      }
    }
    (account.account.identifiers as unknown[]).push({ type: row.identifier_type, value: row.identifier_value });
    account.identifiers.push(rowNumber);
  });

  const list = [...tenants.values()];
  return {
    entries: list.map((t) => ({ ...t.entry, accounts: [...t.accounts.values()].map((a) => a.account) })),
    locate: (entryIndex, path) => {
      const tenant = list[entryIndex];
      if (tenant === undefined) return "(body)";
      const parts = path.split(".");
      if (parts[0] !== "accounts" || parts[1] === undefined) return `row ${tenant.row}.${columnOf(parts)}`;
      const account = [...tenant.accounts.values()][Number(parts[1])];
      if (account === undefined) return `row ${tenant.row}`;
      // The list itself (too many identifiers) is named by the account's first identifier row.
      if (parts[2] === "identifiers") return `row ${account.identifiers[Number(parts[3] ?? 0)] ?? account.row}.${parts[4] === "type" ? "identifier_type" : "identifier_value"}`;
      return `row ${account.row}.${parts[2] === "holderEmail" ? "holder_email" : parts[2] === "accountId" ? "account_id" : (parts[2] ?? "account_id")}`;
    },
    problems,
  };
}

function tenantFromRow(row: Row): Record<string, unknown> {
  // Every key cell filled in is passed on, so one the option does not use is refused: a customer's own vault named
  // without key_option would otherwise leave its packages under the provider's key (R7).
  const keyCells = {
    ...(row.key_vault_url === "" ? {} : { vaultUrl: row.key_vault_url }),
    ...(row.key_name === "" ? {} : { keyName: row.key_name }),
    ...(row.customer_public_key_pem === "" ? {} : { publicKeyPem: row.customer_public_key_pem }),
  };
  const keyOption =
    row.key_option === "customer_managed"
      ? { vaultUrl: row.key_vault_url, keyName: row.key_name, ...keyCells, kind: "customer_managed" }
      : row.key_option === "customer_held"
        ? { publicKeyPem: row.customer_public_key_pem, ...keyCells, kind: "customer_held" }
        : { ...keyCells, kind: row.key_option === "" ? "provider_managed" : row.key_option };
  // Any legal-contact cell makes a contact, checked whole: one given by name alone was dropped, and redirects named the admins (R4).
  const legal = [row.legal_contact_organisation, row.legal_contact_email, row.legal_contact_name, row.legal_contact_phone].some((cell) => cell !== "");
  return {
    id: row.tenant_id,
    name: row.tenant_name,
    kind: row.kind,
    seats: row.seats === "" ? 1 : Number(row.seats),
    commercialService: row.commercial_service === "" ? false : row.commercial_service === "true" ? true : row.commercial_service === "false" ? false : row.commercial_service,
    dataCountry: row.data_country,
    keyOption,
    adminContacts: list(row.admins).map(parseAdmin),
    delinkedServices: list(row.delinked_services),
    ...(legal
      ? {
          legalContact: {
            organisation: row.legal_contact_organisation,
            email: row.legal_contact_email,
            ...(row.legal_contact_name === "" ? {} : { name: row.legal_contact_name }),
            ...(row.legal_contact_phone === "" ? {} : { phone: row.legal_contact_phone }),
          },
        }
      : {}),
  };
}

function list(cell: string): string[] {
  return cell.split(";").map((part) => part.trim()).filter((part) => part.length > 0);
}

function parseAdmin(text: string): { name: string; email: string } | string {
  const match = /^(.*)<([^>]+)>$/.exec(text);
  return match === null ? text : { name: (match[1] ?? "").trim(), email: (match[2] ?? "").trim() };
}

const FIELD_COLUMNS: Record<string, Column> = {
  accounts: "account_id",
  id: "tenant_id",
  name: "tenant_name",
  kind: "kind",
  seats: "seats",
  commercialService: "commercial_service",
  dataCountry: "data_country",
  adminContacts: "admins",
  delinkedServices: "delinked_services",
};

function columnOf(parts: string[]): string {
  const [field = "", sub] = parts;
  if (field === "keyOption") return sub === "vaultUrl" ? "key_vault_url" : sub === "keyName" ? "key_name" : sub === "publicKeyPem" ? "customer_public_key_pem" : "key_option";
  if (field === "legalContact") return sub === "organisation" ? "legal_contact_organisation" : sub === "name" ? "legal_contact_name" : sub === "phone" ? "legal_contact_phone" : "legal_contact_email";
  return FIELD_COLUMNS[field] ?? field;
}
