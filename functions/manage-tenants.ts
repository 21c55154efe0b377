import { app } from "@azure/functions";
import { getServices } from "../shared/composition/services";
import { makeCreateTenantHandler, makeGetTenantHandler, makeImportTenantsHandler, makeListTenantsHandler, makeUpdateTenantHandler } from "./handlers/manage-tenant-handlers";

// The customer directory's administration; "admin" is a reserved route prefix in Azure Functions, hence "manage".
app.http("listTenants", { route: "manage/tenants", methods: ["GET"], authLevel: "admin", handler: makeListTenantsHandler(getServices) });
app.http("createTenant", { route: "manage/tenants", methods: ["POST"], authLevel: "admin", handler: makeCreateTenantHandler(getServices) });
app.http("getTenant", { route: "manage/tenants/{id}", methods: ["GET"], authLevel: "admin", handler: makeGetTenantHandler(getServices) });
app.http("updateTenant", { route: "manage/tenants/{id}", methods: ["PUT"], authLevel: "admin", handler: makeUpdateTenantHandler(getServices) });
app.http("importTenants", { route: "manage/tenant-imports", methods: ["POST"], authLevel: "admin", handler: makeImportTenantsHandler(getServices) });
