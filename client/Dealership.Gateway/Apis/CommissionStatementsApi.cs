using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Dealership.Contracts.Common;
using Dealership.Contracts.Pay;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;
using Dealership.Gateway.Reports;
using Dealership.Gateway.Stores;

namespace Dealership.Gateway.Apis;

/// <summary>Why the general manager sends a month of statements back.</summary>
public sealed record ReturnStatementsRequest([property: Required] string? Reason);

/// <summary>
/// The month's commission statements: the sales manager reviews and adjusts them (each change with a reason) and submits the month;
/// the general manager approves it, which locks it, or returns it; payroll downloads the approved month.
/// </summary>
public static class CommissionStatementsApi
{
    public static IEndpointRouteBuilder MapCommissionStatementsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/stores/{storeId}/commission-statements/{month}").WithTags(PayApi.Tag);
        api.MapGet("", Get).ForStore(RoleSets.SalesFloor).WithName("GetCommissionStatements").Answers<CommissionStatements>().ValidatesPath()
            .WithSummary("The month's (yyyy-MM) commission statements: its status (Open, Submitted, Approved) with who moved it when, and each " +
                "consultant's statement — every sale's line and how it was worked, the sales manager's adjustments, chargebacks of sales unwound " +
                "after their month was paid, and the total: fen((Σ lines as adjusted) × multiplier) − chargebacks. Worked from the records until " +
                "approved; as kept from then on. A consultant sees their own statement only.");
        api.MapPost("/adjustments", Adjust).ForStore(RoleSets.Managers).WithName("AdjustCommissionLine").Answers<CommissionStatements>()
            .Conflicts("statement-submitted", "month-locked", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Set what a sale's line pays before the month's multiplier, with a reason (kept with who and when; the latest counts). " +
                "Only while the month is open: a submitted month changes only once returned, an approved one never.");
        api.MapPost("/submit", Submit).ForStore(RoleSets.Managers).WithName("SubmitCommissionStatements").Answers<CommissionStatements>()
            .Conflicts("statement-submitted", "month-locked", "idempotency-key-reused").Refuses("month-not-ended").HonoursIdempotencyKey()
            .WithSummary("The sales manager submits the month to the general manager, once it has ended.");
        api.MapPost("/approve", Approve).ForStore(RoleSets.Unwinders).WithName("ApproveCommissionStatements").Answers<CommissionStatements>()
            .Conflicts("not-submitted", "month-locked", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("The general manager approves the submitted month: every statement is kept as it stands, with what each sale's line " +
                "paid (what a later unwind charges back), and the month locks for good.");
        api.MapPost("/return", Return).ForStore(RoleSets.Unwinders).WithName("ReturnCommissionStatements").Answers<CommissionStatements>()
            .Conflicts("not-submitted", "month-locked", "idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("The general manager sends the submitted month back to the sales manager with a reason; it is open again.");
        api.MapGet("/payroll.xlsx", Payroll).ForStore(RoleSets.Managers).WithName("DownloadCommissionPayroll")
            .AnswersFile(DailyReportExport.XlsxType).Conflicts("not-approved").ValidatesPath()
            .WithSummary("The approved month for payroll as .xlsx: a Summary sheet (one row per consultant: units, lines, adjustments, " +
                "chargebacks, multiplier, total) and one sheet per consultant with every line and how it was worked. 409 until approved.");
        return app;
    }

    private static ICommissionStatementsGrain Grain(IClusterClient cluster, string storeId, DateOnly month) =>
        cluster.GetGrain<ICommissionStatementsGrain>(GrainKeys.CommissionMonth(storeId, month.ToString("yyyy-MM", CultureInfo.InvariantCulture)));

    private static async Task<IResult> Get(string storeId, string month, IClusterClient cluster, HttpContext http)
    {
        var (first, bad) = MonthlyReportsApi.Month(month, http);
        return bad ?? (await Grain(cluster, storeId, first).Get()).ToResult();
    }

    private static async Task<IResult> Adjust(string storeId, string month, NewCommissionAdjustment adjustment, IClusterClient cluster, HttpContext http)
    {
        var (first, bad) = MonthlyReportsApi.Month(month, http);
        var errors = adjustment?.Validate() ?? new FieldErrors().Add("dealId", "is required.");
        if (bad is not null || errors.Any)
        {
            return bad ?? Problems.Invalid(errors);
        }

        var (operationId, badKey) = Idempotency.OperationId(http);
        return badKey ?? (await Grain(cluster, storeId, first).Adjust(adjustment!, operationId)).ToResult();
    }

    private static Task<IResult> Submit(string storeId, string month, IClusterClient cluster, HttpContext http) =>
        Step(month, http, (first, op) => Grain(cluster, storeId, first).Submit(op));

    private static Task<IResult> Approve(string storeId, string month, IClusterClient cluster, HttpContext http) =>
        Step(month, http, (first, op) => Grain(cluster, storeId, first).Approve(op));

    private static Task<IResult> Return(string storeId, string month, ReturnStatementsRequest request, IClusterClient cluster, HttpContext http)
    {
        var errors = new FieldErrors().Required("reason", request.Reason, 500);
        return errors.Any
            ? Task.FromResult(Problems.Invalid(errors))
            : Step(month, http, (first, op) => Grain(cluster, storeId, first).Return(request.Reason!, op));
    }

    private static async Task<IResult> Payroll(string storeId, string month, IClusterClient cluster, HttpContext http)
    {
        var (first, bad) = MonthlyReportsApi.Month(month, http);
        if (bad is not null)
        {
            return bad;
        }

        var statements = await Grain(cluster, storeId, first).Get();
        if (statements.Value is { Status: not StatementStatus.Approved } s)
        {
            return Problems.ToResult(Problem.Conflict("not-approved", $"{s.Month} is {s.Status}: payroll takes the month once the general manager has approved it."));
        }

        return statements.ToResult(v => TypedResults.File(PayrollExport.Xlsx(v), DailyReportExport.XlsxType, $"{storeId}-commission-{v.Month}.xlsx"));
    }

    private static async Task<IResult> Step(string month, HttpContext http, Func<DateOnly, string?, Task<Outcome<CommissionStatements>>> step)
    {
        var (first, bad) = MonthlyReportsApi.Month(month, http);
        if (bad is not null)
        {
            return bad;
        }

        var (operationId, badKey) = Idempotency.OperationId(http);
        return badKey ?? (await step(first, operationId)).ToResult();
    }
}
