using Dealership.Contracts.Common;
using Dealership.Contracts.Parts;
using Dealership.Contracts.Sales;

namespace Dealership.Contracts.Service;

/// <summary>Where a repair order (维修工单) stands. Cancelled only before any work or part went into the car.</summary>
public enum RepairOrderStatus
{
    Open = 1,
    Estimated = 2,
    Approved = 3,
    InProgress = 4,
    WaitingForParts = 5,
    QualityCheck = 6,
    Washed = 7,
    Ready = 8,
    Delivered = 9,
    Closed = 10,
    Cancelled = 11,
}

public enum RepairLineKind
{
    Labour = 1,
    Part = 2,
}

/// <summary>A line is proposed (on the estimate or a supplement), then approved or declined by the customer.</summary>
public enum RepairLineStatus
{
    Proposed = 1,
    Approved = 2,
    Declined = 3,
}

/// <summary>How the customer approved: signed at the desk, or on the phone (recorded with the call's reference).</summary>
public enum ApprovalMethod
{
    Signature = 1,
    Phone = 2,
}

/// <summary>A car arriving at the service desk: from its appointment, or a walk-in.</summary>
/// <param name="AppointmentId">The appointment the car came for (null: a walk-in, which takes the next slot with room).</param>
/// <param name="CustomerName">Whose car it is.</param>
/// <param name="Mobile">11-digit mainland mobile: the advisor calls it with the estimate and when the car is ready.</param>
/// <param name="Vin">The car's VIN, or its plate, or both.</param>
/// <param name="Plate">The car's plate.</param>
/// <param name="Concern">What the customer says is wrong (the repair order's 故障描述).</param>
/// <param name="Odometer">The car's mileage (km) as read at the desk.</param>
/// <param name="PromisedAt">When the customer was told the car will be ready.</param>
/// <param name="ExpectedHours">A walk-in's expected labour hours (to book it a slot); an appointment has its own.</param>
/// <param name="ClusterReplaced">Why the odometer reads less than the car's last reading (its instrument cluster was replaced):
/// required then, and the car's pace is counted afresh from this reading.</param>
[GenerateSerializer, Immutable, Alias("NewRepairOrder")]
public sealed record NewRepairOrder(
    [property: Id(0)] string? AppointmentId,
    [property: Id(1)] string CustomerName,
    [property: Id(2)] string Mobile,
    [property: Id(3)] string? Vin,
    [property: Id(4)] string? Plate,
    [property: Id(5)] int Odometer,
    [property: Id(6)] string Concern,
    [property: Id(7)] DateTimeOffset? PromisedAt = null,
    [property: Id(8)] decimal? ExpectedHours = null,
    [property: Id(9)] string? ClusterReplaced = null)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors()
            .Required("customerName", CustomerName, 60)
            .Required("concern", Concern, 500)
            .Range("odometer", Odometer, 0, 2_000_000)
            .MaxLength("clusterReplaced", ClusterReplaced, 200);
        CarOf.Check(errors, Vin, Plate);
        if (PersonalData.NormaliseMobile(Mobile) is null)
        {
            errors.Add("mobile", "must be an 11-digit mainland mobile number (1xx xxxx xxxx).");
        }

        if (AppointmentId is not null && ServiceKeys.DayOf(AppointmentId) is null)
        {
            errors.Add("appointmentId", "is not an appointment id.");
        }

        if (ExpectedHours is { } hours)
        {
            errors.Range("expectedHours", hours, 0.25m, 40m);
        }

        return errors;
    }
}

/// <summary>
/// A line to quote: labour (an operation with its flat-rate hours and, if known, its technician) or a part (part number and
/// quantity). Its price comes from the store's books — the workshop's labour rate, the part's price — never from the request.
/// Every line says why it is done.
/// </summary>
[GenerateSerializer, Immutable, Alias("NewRepairLine")]
public sealed record NewRepairLine(
    [property: Id(0)] RepairLineKind Kind,
    [property: Id(1)] string Reason,
    [property: Id(2)] string? Operation = null,
    [property: Id(3)] decimal? Hours = null,
    [property: Id(4)] string? TechnicianId = null,
    [property: Id(5)] string? PartNumber = null,
    [property: Id(6)] int? Quantity = null)
{
    public const int MaxLines = 60;

    public FieldErrors Check(FieldErrors errors, string prefix)
    {
        var inner = new FieldErrors().Required("reason", Reason, 300);
        if (Kind == RepairLineKind.Labour)
        {
            inner.Required("operation", Operation, 120);
            if (Hours is not { } hours)
            {
                inner.Add("hours", "is required for labour.");
            }
            else
            {
                inner.Range("hours", hours, 0.1m, 100m);
            }

            if (TechnicianId is not null && !Ids.IsValid(TechnicianId))
            {
                inner.Add("technicianId", "must be a staff id.");
            }

            if (PartNumber is not null || Quantity is not null)
            {
                inner.Add("partNumber", "is only given with a part line.");
            }
        }
        else if (Kind == RepairLineKind.Part)
        {
            if (PartNumbers.Problem(PartNumber) is { } problem)
            {
                inner.Add("partNumber", problem);
            }

            if (Quantity is not { } quantity)
            {
                inner.Add("quantity", "is required for a part.");
            }
            else
            {
                inner.Range("quantity", quantity, 1, 1000);
            }

            if (Operation is not null || Hours is not null || TechnicianId is not null)
            {
                inner.Add("operation", "operation, hours and technicianId are only given with a labour line.");
            }
        }
        else
        {
            inner.Add("kind", "must be Labour or Part.");
        }

        return errors.Nested(prefix, inner);
    }

    public static FieldErrors CheckAll(FieldErrors errors, IReadOnlyList<NewRepairLine?>? lines)
    {
        if (lines is null || lines.Count == 0)
        {
            return errors.Add("lines", "give at least one line.");
        }

        if (lines.Count > MaxLines)
        {
            return errors.Add("lines", $"at most {MaxLines} at once.");
        }

        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i] is not { } line)
            {
                errors.Add($"lines[{i}]", "is required.");
            }
            else
            {
                line.Check(errors, $"lines[{i}]");
            }
        }

        return errors;
    }
}

/// <summary>
/// A line of a repair order. <c>supplement</c> 0 is the estimate; 1, 2… the added work found during the job. A part line
/// holds <c>reserved</c> units from the quote, <c>issued</c> units when work starts (less any returned unused); a labour line
/// gathers its technicians' clocked minutes.
/// </summary>
[GenerateSerializer, Immutable, Alias("RepairLine")]
public sealed record RepairLine(
    [property: Id(0)] int Number,
    [property: Id(1)] RepairLineKind Kind,
    [property: Id(2)] int Supplement,
    [property: Id(3)] RepairLineStatus Status,
    [property: Id(4)] string Description,
    [property: Id(5)] string Reason,
    [property: Id(6)] decimal Quantity,
    [property: Id(7)] decimal UnitPrice,
    [property: Id(8)] decimal Amount,
    [property: Id(9)] string? TechnicianId,
    [property: Id(10)] string? PartNumber,
    [property: Id(11)] int Reserved,
    [property: Id(12)] int Issued,
    [property: Id(13)] int WorkedMinutes,
    [property: Id(14)] bool Done,
    [property: Id(15)] DateTimeOffset? ClockedOnSince);

/// <summary>The customer's answer to the estimate or to a supplement: who answered, how, who recorded it and when, for what amount.</summary>
[GenerateSerializer, Immutable, Alias("CustomerApproval")]
public sealed record CustomerApproval(
    [property: Id(0)] int Supplement,
    [property: Id(1)] bool Approved,
    [property: Id(2)] string ApprovedByName,
    [property: Id(3)] ApprovalMethod Method,
    [property: Id(4)] string? Reference,
    [property: Id(5)] decimal Amount,
    [property: Id(6)] DateTimeOffset At,
    [property: Id(7)] string RecordedBy);

/// <summary>The customer's answer as the advisor records it.</summary>
/// <param name="ApprovedByName">Who gave the answer (the customer, or whom they sent).</param>
/// <param name="Method">Signature at the desk, or Phone.</param>
/// <param name="Reference">The call's reference for a phone approval (required), or the signed estimate's number.</param>
/// <param name="Approved">False: the customer declined (a supplement's work is then never done nor charged).</param>
[GenerateSerializer, Immutable, Alias("ApprovalDraft")]
public sealed record ApprovalDraft(
    [property: Id(0)] string ApprovedByName,
    [property: Id(1)] ApprovalMethod Method,
    [property: Id(2)] string? Reference = null,
    [property: Id(3)] bool Approved = true)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors().Required("approvedByName", ApprovedByName, 60).MaxLength("reference", Reference, 60);
        if (!Enum.IsDefined(Method))
        {
            errors.Add("method", "must be Signature or Phone.");
        }
        else if (Method == ApprovalMethod.Phone && string.IsNullOrWhiteSpace(Reference))
        {
            errors.Add("reference", "a phone approval needs the call's reference.");
        }

        return errors;
    }
}

/// <summary>Added work found during the job (增项), waiting for the customer's answer or answered.</summary>
[GenerateSerializer, Immutable, Alias("RepairSupplement")]
public sealed record RepairSupplement(
    [property: Id(0)] int Number,
    [property: Id(1)] string Finding,
    [property: Id(2)] DateTimeOffset ProposedAt,
    [property: Id(3)] string ProposedBy,
    [property: Id(4)] CustomerApproval? Answer);

/// <summary>One point of the quality check and whether the car passed it.</summary>
[GenerateSerializer, Immutable, Alias("QualityCheckItem")]
public sealed record QualityCheckItem(
    [property: Id(0)] string Item,
    [property: Id(1)] bool Passed,
    [property: Id(2)] string? Note = null);

[GenerateSerializer, Immutable, Alias("QualityCheckDraft")]
public sealed record QualityCheckDraft([property: Id(0)] IReadOnlyList<QualityCheckItem> Items)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        if (Items is null || Items.Count == 0)
        {
            return errors.Add("items", "the checklist needs at least one item.");
        }

        if (Items.Count > 50)
        {
            return errors.Add("items", "at most 50.");
        }

        for (var i = 0; i < Items.Count; i++)
        {
            if (Items[i] is not { } item)
            {
                errors.Add($"items[{i}]", "is required.");
                continue;
            }

            errors.Required($"items[{i}].item", item.Item, 80).MaxLength($"items[{i}].note", item.Note, 200);
            if (!item.Passed && string.IsNullOrWhiteSpace(item.Note))
            {
                errors.Add($"items[{i}].note", "say what failed.");
            }
        }

        return errors;
    }
}

[GenerateSerializer, Immutable, Alias("QualityCheckRecord")]
public sealed record QualityCheckRecord(
    [property: Id(0)] IReadOnlyList<QualityCheckItem> Items,
    [property: Id(1)] bool Passed,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string By);

/// <summary>A line of the service invoice: what was done and why; labour and parts apart.</summary>
[GenerateSerializer, Immutable, Alias("ServiceInvoiceLine")]
public sealed record ServiceInvoiceLine(
    [property: Id(0)] int Line,
    [property: Id(1)] RepairLineKind Kind,
    [property: Id(2)] string Description,
    [property: Id(3)] string Reason,
    [property: Id(4)] decimal Quantity,
    [property: Id(5)] decimal UnitPrice,
    [property: Id(6)] decimal Amount,
    [property: Id(7)] int Supplement);

/// <summary>The service invoice (结算单): approved work only, labour and parts totals apart, VAT included.</summary>
[GenerateSerializer, Immutable, Alias("ServiceInvoice")]
public sealed record ServiceInvoice(
    [property: Id(0)] IReadOnlyList<ServiceInvoiceLine> Labour,
    [property: Id(1)] IReadOnlyList<ServiceInvoiceLine> Parts,
    [property: Id(2)] decimal LabourTotal,
    [property: Id(3)] decimal PartsTotal,
    [property: Id(4)] decimal Total,
    [property: Id(5)] DateTimeOffset IssuedAt,
    [property: Id(6)] string IssuedBy);

public enum ServicePaymentMethod
{
    Cash = 1,
    Card = 2,
    WeChatPay = 3,
    Alipay = 4,
    BankTransfer = 5,

    /// <summary>Warranty work the OEM pays for, or the store's goodwill.</summary>
    Warranty = 6,
}

/// <summary>Handing the car back: the payment of the invoice (its full total) and the next visit agreed with the customer.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHandover")]
public sealed record ServiceHandover(
    [property: Id(0)] ServicePaymentMethod PaidWith,
    [property: Id(1)] decimal Amount,
    [property: Id(2)] DateOnly? NextVisit = null,
    [property: Id(3)] string? Note = null)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors().Range("amount", Amount, 0m, 10_000_000m).MaxLength("note", Note, 300);
        if (!Enum.IsDefined(PaidWith))
        {
            errors.Add("paidWith", "must be Cash, Card, WeChatPay, Alipay, BankTransfer or Warranty.");
        }

        return errors;
    }
}

[GenerateSerializer, Immutable, Alias("RepairOrderView")]
public sealed record RepairOrderView(
    [property: Id(0)] string RepairOrderId,
    [property: Id(1)] string StoreId,
    [property: Id(2)] RepairOrderStatus Status,
    [property: Id(3)] NewRepairOrder Arrival,
    [property: Id(4)] string? AppointmentId,
    [property: Id(5)] string CustomerId,
    [property: Id(6)] string AdvisorId,
    [property: Id(7)] IReadOnlyList<RepairLine> Lines,
    [property: Id(8)] IReadOnlyList<RepairSupplement> Supplements,
    [property: Id(9)] CustomerApproval? EstimateApproval,
    [property: Id(10)] QualityCheckRecord? QualityCheck,
    [property: Id(11)] ServiceInvoice? Invoice,
    [property: Id(12)] DateTimeOffset OpenedAt,
    [property: Id(13)] DateTimeOffset? WashedAt,
    [property: Id(14)] DateTimeOffset? DeliveredAt,
    [property: Id(15)] string? DeliveredBy,
    [property: Id(16)] ServiceHandover? Handover,
    [property: Id(17)] DateTimeOffset? ClosedAt,
    [property: Id(18)] string? CancelReason,
    [property: Id(19)] decimal EstimateTotal,
    [property: Id(20)] int Revision);

/// <summary>A repair order's line on the store's list and on the car's service history.</summary>
[GenerateSerializer, Immutable, Alias("RepairOrderSummary")]
public sealed record RepairOrderSummary(
    [property: Id(0)] string RepairOrderId,
    [property: Id(1)] RepairOrderStatus Status,
    [property: Id(2)] string CustomerName,
    [property: Id(3)] string MaskedMobile,
    [property: Id(4)] string? Vin,
    [property: Id(5)] string? Plate,
    [property: Id(6)] int Odometer,
    [property: Id(7)] string Concern,
    [property: Id(8)] string AdvisorId,
    [property: Id(9)] DateTimeOffset OpenedAt,
    [property: Id(10)] DateTimeOffset? PromisedAt,
    [property: Id(11)] DateTimeOffset? DeliveredAt,
    [property: Id(12)] decimal Total);

/// <summary>A repair order of a store. Key: <see cref="GrainKeys.InStore"/>(store, repair order id "ro…").</summary>
[Alias("IRepairOrderGrain")]
public interface IRepairOrderGrain : IGrainWithStringKey
{
    /// <summary>Opens the order for a car at the desk; from its appointment (checked in) or as a walk-in (booked the next slot with room).</summary>
    [Alias("Open")]
    Task<Outcome<RepairOrderView>> Open(NewRepairOrder arrival);

    [Alias("Get")]
    Task<Outcome<RepairOrderView>> Get();

    /// <summary>Quotes lines on the estimate (before the customer's approval; the estimate must then be given again) or, once work has begun, on a new supplement.</summary>
    [Alias("AddLines")]
    Task<Outcome<RepairOrderView>> AddLines(IReadOnlyList<NewRepairLine> lines, string? finding, string? operationId);

    /// <summary>Takes a line off the estimate before the customer approved it; its parts are let go.</summary>
    [Alias("RemoveLine")]
    Task<Outcome<RepairOrderView>> RemoveLine(int line, string? operationId);

    /// <summary>The estimate is given to the customer: its lines and total.</summary>
    [Alias("Estimate")]
    Task<Outcome<RepairOrderView>> Estimate(string? operationId);

    /// <summary>The customer's answer to the estimate (supplement 0) or to a supplement.</summary>
    [Alias("Answer")]
    Task<Outcome<RepairOrderView>> Answer(int supplement, ApprovalDraft approval, string? operationId);

    /// <summary>Work starts: the approved parts are issued from stock; any that is not there puts the order to wait for parts.</summary>
    [Alias("StartWork")]
    Task<Outcome<RepairOrderView>> StartWork(string? operationId);

    /// <summary>A technician starts on a labour line.</summary>
    [Alias("ClockOn")]
    Task<Outcome<RepairOrderView>> ClockOn(int line, string? operationId);

    /// <summary>The desk gives a labour line to another technician of the roster (not while someone is clocked on it).</summary>
    [Alias("AssignTechnician")]
    Task<Outcome<RepairOrderView>> AssignTechnician(int line, string technicianId, string? operationId);

    /// <summary>The technician stops (or the desk, for one who forgot); <paramref name="done"/> when the line's work is finished.</summary>
    [Alias("ClockOff")]
    Task<Outcome<RepairOrderView>> ClockOff(int line, bool done, string? operationId);

    /// <summary>Units of a part line that were issued and not used go back to stock (the invoice charges what was used).</summary>
    [Alias("ReturnParts")]
    Task<Outcome<RepairOrderView>> ReturnParts(int line, int quantity, string? operationId);

    /// <summary>The work is done: to the quality check.</summary>
    [Alias("SubmitForQualityCheck")]
    Task<Outcome<RepairOrderView>> SubmitForQualityCheck(string? operationId);

    /// <summary>The quality check, by someone who did not work on the car: passed, or back to work with what failed.</summary>
    [Alias("RecordQualityCheck")]
    Task<Outcome<RepairOrderView>> RecordQualityCheck(QualityCheckDraft check, string? operationId);

    [Alias("RecordWash")]
    Task<Outcome<RepairOrderView>> RecordWash(string? operationId);

    /// <summary>The invoice of the approved work: the car is ready for its customer.</summary>
    [Alias("IssueInvoice")]
    Task<Outcome<RepairOrderView>> IssueInvoice(string? operationId);

    /// <summary>The car goes back to its customer, paid; the follow-up call is scheduled.</summary>
    [Alias("Deliver")]
    Task<Outcome<RepairOrderView>> Deliver(ServiceHandover handover, string? operationId);

    [Alias("Close")]
    Task<Outcome<RepairOrderView>> Close(string? operationId);

    /// <summary>Calls the order off before any part was issued or work done; held parts are let go.</summary>
    [Alias("Cancel")]
    Task<Outcome<RepairOrderView>> Cancel(string reason, string? operationId);
}
