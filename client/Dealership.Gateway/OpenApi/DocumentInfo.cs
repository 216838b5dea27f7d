using Dealership.Gateway.Apis;
using Dealership.Gateway.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dealership.Gateway.OpenApi;

/// <summary>What the document says about the API as a whole: its description, the server, and what each tag covers.</summary>
public sealed class DocumentInfo : IOpenApiDocumentTransformer
{
    private const string Description =
        "The REST API of Dealership, a dealer management system for groups of 4S stores: one installation serves a whole " +
        "group, and every store sees only its own customers, cars, parts and staff.\n\n" +
        "Sign in with `POST /api/auth/token` and send the token as `Authorization: Bearer <token>`; each operation lists the " +
        "roles it admits as `x-roles`. Errors are RFC 9457 ProblemDetails with a stable `code`: 400 names each bad field under " +
        "`errors`, 401 without a valid token, 403 for a store or group outside your scope or a role that may not do this, 404 " +
        "for an id that is unknown or belongs to another store, 409 for business conflicts, 422 for rule refusals, and 503 when " +
        "the cluster did not answer in time (the outcome is unknown: retry with the same `Idempotency-Key`).\n\n" +
        "Lists are paged: `?limit=` (default 50, at most 500) and `?after=` (the `next` cursor of the previous page). A renamed " +
        "route keeps its old path as a deprecated alias for at least two releases.";

    private const string Version1 =
        "\n\nThis is version 1 (`/api/…`), kept as it is for at least two releases beside version 2 (`/openapi/v2.json`): there a " +
        "person is `{staffId, name}` where version 1 writes `\"staffId (name)\"`, and every create answers 201 with what it created.";

    private const string Version2 =
        "\n\nThis is version 2 (`/api/v2/…`). Every person a resource names (who approved, received, sold…) is `{staffId, name}` " +
        "(`staffId` is null for what the system did by itself), and every create answers 201 with the created resource and its " +
        "`Location`. Version 1 (`/api/…`, `/openapi/v1.json`) answers the same operations in its own shapes.";

    private static readonly Dictionary<string, string> Tags = new()
    {
        ["Sign-in"] = "Staff sign in with username and password for a Bearer token; five failures in a row lock the account for 15 minutes.",
        ["Groups and stores"] = "The dealer group, its stores, and each store's profile and policies; every change is kept with who and when.",
        ["Staff"] = "The group's staff, each with one role and a scope (one store, several, or the whole group); disabling someone or " +
            "changing their role stops their tokens.",
        ["Sales floor"] = "Consultants' live status, test drives and demo-car bookings for them, and the day's and month's sales numbers.",
        [ShowroomRegisterApi.Tag] = "The showroom register (来店来电登记): every visit and call of the day, and who is up next for a walk-in.",
        ["Prospects"] = "Customers and their prospect cards (意向客户卡): follow-ups, lost (战败), reassignment.",
        ["Deals"] = "The store's price book and rebate policies (a deal's list price, vehicle cost and expected rebate come from them), and deals from quote to contract (terms, approval, signing, car allocation, cancellation), their payments, invoice and " +
            "loan case, and delivery (handover slot, PDI, checks, handover).",
        ["Vehicles"] = "Cars by VIN from ordered to delivered, OEM shipments, transfers between the group's stores, the stock list and the " +
            "stock ledger.",
        ["Parts"] = "Part numbers with description, bin and stock on hand; stock moves with a reason, never below zero; holds for repair " +
            "orders; the planner's review, the department's numbers and its workbooks (suggestions, valuation, dead stock).",
        [PurchaseOrdersApi.Tag] = "The parts planner's purchase orders (采购订单): drafts from the parts review, one per supplier, the general " +
            "manager's approval, sending, receiving each delivery against its note (accepted into stock, damaged and short claimed), the " +
            "supplier's claims to settlement, the order as CSV or .xlsx for the supplier, the group's required orders, and each supplier's " +
            "account (invoices, payments, credits) with its monthly statement.",
        [CustomerEventsApi.Tag] = "Customer events (组织客户座谈会、商品展示活动): set-up, the invitation list by filters within the " +
            "consent rules, answers, the check-in that logs a visit with the event as its source, and the orders and sales it brought.",
        [InsuranceApi.Tag] = "Insurance renewals (续保): every policy the store sold (with a car, at service, or renewing one) comes up " +
            "60, 30 and 7 days before it expires, on the store's renewal desk; each closes with one outcome, and the renewal rate follows.",
        [PayApi.Tag] = "Consultants' pay (销售及奖励政策, 定酬): the store's incentive plan versions, kept as data and previewed on last " +
            "month, and each consultant's month under them, every sale's line showing how it was worked; the month's statements, adjusted " +
            "with reasons, submitted, approved and locked, downloaded for payroll.",
        [FleetOrdersApi.Tag] = "Fleet orders: one contract with a key account, a deal per car at the agreed price, checked against the " +
            "account's credit limit, taken through allocation, invoicing on account, handover booking and delivery in batches.",
        [ReceivablesApi.Tag] = "What key accounts owe (应收账款): the ledger of invoices on account, payments and credit notes, ageing by " +
            "days since invoice, collection tasks for overdue invoices, and the statement of account (.xlsx).",
        [KeyAccountsApi.Tag] = "Key accounts (大客户): company customers a store sells fleets to, with their unified social credit code, " +
            "special VAT invoices, contacts, agreed prices by model and trim, payment days and credit limit (交易条件；客户的信用管理).",
        [PerformanceApi.Tag] = "Consultants' performance (绩效评估): monthly and quarterly scorecards from the records, the sales manager's " +
            "reviews and the consultants' acknowledgements, and the consultants the year's target needs (销售顾问人员名额需求).",
        [RetentionApi.Tag] = "How well each store brings its customers back, month by month: the reminder funnel, customer retention, " +
            "the renewal rate, warranty calls and extensions, and customer events; a store's month and the group's stores side by side.",
        [AfterSaleApi.Tag] = "After the delivery: the customer-service caller's follow-up calls (what the call needs, its outcome, a retry " +
            "for an unreachable customer) and the complaints an unhappy call opens, tracked by the sales manager to closure.",
        [DataExportApi.Tag] = "The data the store owns, whole: an administrator downloads every table its records live in as CSV files " +
            "in one .zip with a README of their columns (a group administrator, the whole group's), read in one snapshot and audited.",
        [VouchersApi.Tag] = "Accounting vouchers (会计凭证) for the store's finance software: each day's, built from the store's own " +
            "records (invoices, payments, supplier entries, parts cost), balanced, mapped to the store's chart of accounts, downloaded as " +
            ".xlsx in the columns its software imports; finance closes each day, which keeps its vouchers as they stand.",
        ["Tasks"] = "The store's task list: rules write tasks into it (e.g. the follow-up calls after a delivery), staff complete them with a result.",
        ["Reports"] = "The weekly report (its figures and stock list, as CSV and .xlsx once submitted) and the monthly OEM order (proposal, " +
            "approval under the store's seal, CSV export with the seal checked, sending to the OEM).",
        ["Live feed"] = "Each store's changes as Server-Sent Events, for the showroom board in browsers and on wall screens, and the " +
            "tickets and board tokens that open it without an Authorization header.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var v2 = context.DocumentName == ApiVersions.V2GroupName;
        document.Info.Title = "Dealership API";
        document.Info.Version = v2 ? "2.0.0" : "1.0.0";
        document.Info.Description = Description + (v2 ? Version2 : Version1);

        // The server is the gateway that served the document (its origin and path base), written without the trailing slash
        // that would double up with every path.
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
            server.Description ??= "The gateway that served this document.";
        }

        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is { } name && Tags.TryGetValue(name, out var description))
            {
                tag.Description = description;
            }
        }

        return Task.CompletedTask;
    }
}
