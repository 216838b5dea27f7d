using Dealership.Contracts.Sales;
using Dealership.Grains.Storage;
using Npgsql;

namespace Dealership.Grains.Sales;

/// <summary>A line of the showroom register, written with the customer it concerns (or alone, for a visitor who left no number).</summary>
internal sealed record RegisterEntryRow(string GroupId, string StoreId, DateOnly Day, RegisterEntry Entry) : Row
{
    public const string Columns =
        "entry_id, at, kind, source, customer_id, customer_name, masked_mobile, model_of_interest, party_size, consultant_id, first_visit, " +
        "prospect_opened, logged_by";

    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        $"INSERT INTO register_entries (group_id, store_id, local_date, number, {Columns}) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
        GroupId, StoreId, Day, ShowroomRules.Number(Entry.EntryId), Entry.EntryId, Entry.At, Entry.Kind, Entry.Source, Entry.CustomerId, Entry.CustomerName, Entry.MaskedMobile,
        Entry.ModelOfInterest, Entry.PartySize, Entry.ConsultantId, Entry.FirstVisit, Entry.ProspectOpened, Entry.LoggedBy);

    public static RegisterEntry Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetFieldValue<DateTimeOffset>(1), Enum.Parse<EntryKind>(r.GetString(2)), Enum.Parse<EntrySource>(r.GetString(3)),
        Sql.Text(r, 4), Sql.Text(r, 5), Sql.Text(r, 6), Sql.Text(r, 7), r.GetInt32(8), Sql.Text(r, 9), r.GetBoolean(10), r.GetBoolean(11), r.GetString(12));

}

/// <summary>
/// One countable sales event (a visit, an order, a retail sale...), written with the change that made it. Counting reads these
/// rows; a fact is counted once, however often the change is retried (its id is unique per store and kind).
/// </summary>
internal sealed record SalesFactRow(string GroupId, string StoreId, SalesFact Fact, DateTimeOffset At) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO sales_facts (group_id, store_id, kind, fact_id, local_date, consultant_id, gross_profit, with_accessories, with_insurance, " +
        "with_finance, spec, at, reason, accessory_income, insurance_income, finance_income) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) ON CONFLICT (store_id, kind, fact_id) DO NOTHING",
        GroupId, StoreId, Fact.Kind, Fact.Id, Fact.LocalDate, Fact.ConsultantId, Fact.GrossProfit, Fact.WithAccessories, Fact.WithInsurance,
        Fact.WithFinance, Fact.Spec, At, Fact.Reason, Fact.AccessoryIncome, Fact.InsuranceIncome, Fact.FinanceIncome);
}

/// <summary>A customer's line on the store's customer and prospect lists, rewritten with every change of the customer.</summary>
internal sealed record CustomerRow(string GroupId, string StoreId, string CustomerId, string Name, string MaskedMobile, DateTimeOffset FirstSeenAt,
    int Visits, int Calls, ProspectCard? Card, DateTimeOffset UpdatedAt, int Revision) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO customers (group_id, store_id, customer_id, name, masked_mobile, first_seen_at, visits, calls, consultant_id, grade, " +
        "prospect_status, model_of_interest, next_follow_up_due, updated_at, revision) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) " +
        "ON CONFLICT (store_id, customer_id) DO UPDATE SET name = EXCLUDED.name, visits = EXCLUDED.visits, calls = EXCLUDED.calls, " +
        "consultant_id = EXCLUDED.consultant_id, grade = EXCLUDED.grade, prospect_status = EXCLUDED.prospect_status, " +
        "model_of_interest = EXCLUDED.model_of_interest, next_follow_up_due = EXCLUDED.next_follow_up_due, updated_at = EXCLUDED.updated_at, " +
        "revision = EXCLUDED.revision WHERE customers.revision < EXCLUDED.revision",
        GroupId, StoreId, CustomerId, Name, MaskedMobile, FirstSeenAt, Visits, Calls, Card?.ConsultantId, Card?.Grade, Card?.Status,
        Card?.ModelOfInterest, Card?.NextFollowUpDue, UpdatedAt, Revision);
}

/// <summary>One contact with a customer on their prospect card (a visit, a call, a follow-up), kept for good.</summary>
internal sealed record CustomerContactRow(string StoreId, string CustomerId, int Number, FollowUp FollowUp, string? EntryId) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO customer_contacts (store_id, customer_id, number, at, by, channel, note, grade, entry_id) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING",
        StoreId, CustomerId, Number, FollowUp.At, FollowUp.By, FollowUp.Channel, FollowUp.Note, FollowUp.Grade, EntryId);

    public static FollowUp Read(NpgsqlDataReader r) =>
        new(r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), r.GetString(3), r.GetString(4), Enum.Parse<ProspectGrade>(r.GetString(5)));
}
