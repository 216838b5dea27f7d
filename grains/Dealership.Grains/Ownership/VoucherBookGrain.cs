using System.Text.Json;
using Dealership.Contracts.Common;
using Dealership.Contracts.Ownership;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Npgsql;

namespace Dealership.Grains.Ownership;

/// <summary>
/// The store's accounting vouchers. An open day's are built from its records as they stand, numbered on from the month's last
/// closed day; closing keeps them (<c>voucher_lines</c>) so the day exports the same ever after — a correction made later (a
/// credit note, a refund) is recorded on its own day, the next open one. Days close in order, once over.
/// </summary>
public sealed class VoucherBookGrain(OperationLog operations, Database database, StoreGroups storeGroups, BusinessClock clock)
    : Grain, IVoucherBookGrain, IScopedGrain
{
    private const string Subject = "vouchers";

    /// <summary>How long after a day ends it may close: a change under way at midnight commits into its day before the day is kept.</summary>
    public static readonly TimeSpan CloseGrace = TimeSpan.FromMinutes(15);

    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task<Outcome<VoucherDay>> Day(DateOnly day)
    {
        if (Roles.Refused("read the vouchers", RoleSets.VoucherReaders) is { } refused)
        {
            return refused;
        }

        var (zone, vatRate, opened) = await Store();
        if (day > StoreFacts.LocalDate(clock.GetUtcNow(), zone))
        {
            return Problem.Invalid("day", "is after the store's today: a day's vouchers exist once it has begun.");
        }

        if (day < opened)
        {
            return Problem.Invalid("day", $"is before the store opened in the system ({opened:yyyy-MM-dd}).");
        }

        return await Kept(day) ?? await Built(day, zone, vatRate, await SettingsOrDefaults());
    }

    public async Task<Outcome<VoucherDay>> Close(DateOnly day, string? operationId)
    {
        var fingerprint = OperationLog.Fingerprint(nameof(Close), day);
        if (await operations.Replay<VoucherDay>(StoreId, operationId, fingerprint) is { } replay)
        {
            return replay;
        }

        if (Roles.Refused("close a day's vouchers", RoleSets.VoucherKeepers) is { } refused)
        {
            return refused;
        }

        var (zone, vatRate, opened) = await Store();
        if (day < opened)
        {
            return Problem.Invalid("day", $"is before the store opened in the system ({opened:yyyy-MM-dd}).");
        }

        if (day >= StoreFacts.LocalDate(clock.GetUtcNow(), zone) || clock.GetUtcNow() < StoreFacts.StartOf(day.AddDays(1), zone) + CloseGrace)
        {
            return Problem.Refused("day-not-over",
                $"{day:yyyy-MM-dd} is not over yet: a day closes {CloseGrace.TotalMinutes:0} minutes after the store's day has ended.");
        }

        if (await Kept(day) is not null)
        {
            return Problem.Conflict("day-closed", $"{day:yyyy-MM-dd} is closed already; its vouchers stay as they were closed.");
        }

        var last = await database.First("SELECT max(day) FROM voucher_days WHERE store_id = $1",
            r => r.IsDBNull(0) ? (DateOnly?)null : r.GetFieldValue<DateOnly>(0), StoreId);
        if (last is { } closed && closed > day)
        {
            return Problem.Refused("close-in-order", $"{closed:yyyy-MM-dd} is closed already: days close in order, and {day:yyyy-MM-dd} came before it.");
        }

        if (last is { } previous && previous.AddDays(1) < day)
        {
            return Problem.Refused("close-in-order", $"Close {previous.AddDays(1):yyyy-MM-dd} first: days close in order.");
        }

        var built = await Built(day, zone, vatRate, await SettingsOrDefaults());
        var now = clock.GetUtcNow();
        var closedDay = built with { Closed = true, ClosedAt = now, ClosedBy = Audit.Who };
        var group = await storeGroups.GroupOf(StoreId) ?? "";
        List<Row> rows =
        [
            new VoucherDayRow(group, StoreId, closedDay),
            new AuditRow(group, StoreId, Subject, $"{day:yyyy-MM-dd}", now, Audit.Who,
                $"closed {day:yyyy-MM-dd}: {built.Vouchers.Count} vouchers, debit {built.Debit:0.00}, credit {built.Credit:0.00}"),
        ];
        rows.AddRange(closedDay.Vouchers.SelectMany(v => v.Entries.Select(e => new VoucherLineRow(StoreId, day, v, e))));
        return await operations.WriteOrReplay(rows, StoreId, operationId, fingerprint, closedDay, "VoucherBook") ?? closedDay;
    }

    public async Task<Outcome<VoucherSettings>> Settings() =>
        Roles.Refused("read the voucher settings", RoleSets.VoucherReaders) is { } refused ? refused : await SettingsOrDefaults();

    public async Task<Outcome<VoucherSettings>> SetSettings(VoucherSettings settings, string? operationId)
    {
        var errors = settings?.Validate() ?? new FieldErrors().Add("accounts", "is required.");
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        var fingerprint = OperationLog.Fingerprint(nameof(SetSettings), settings);
        if (await operations.Replay<VoucherSettings>(StoreId, operationId, fingerprint) is { } replay)
        {
            return replay;
        }

        if (Roles.Refused("set the voucher settings", RoleSets.VoucherSettingsKeepers) is { } refused)
        {
            return refused;
        }

        var kept = settings! with
        {
            Accounts = [.. settings.Accounts.OrderBy(a => a.Account).Select(a => a with { Code = a.Code.Trim(), Name = a.Name.Trim() })],
            VoucherWord = settings.VoucherWord.Trim(),
        };
        var now = clock.GetUtcNow();
        var group = await storeGroups.GroupOf(StoreId) ?? "";
        List<Row> rows =
        [
            new VoucherSettingsRow(group, StoreId, kept, now, Audit.Who),
            new AuditRow(group, StoreId, Subject, "settings", now, Audit.Who,
                $"voucher settings: word {kept.VoucherWord}; columns {string.Join(", ", kept.Columns)}; " +
                string.Join("; ", kept.Accounts.Select(a => $"{a.Account} {a.Code} {a.Name}"))),
        ];
        return await operations.WriteOrReplay(rows, StoreId, operationId, fingerprint, kept, "VoucherBook") ?? kept;
    }

    /// <summary>The store's time zone, VAT rate and the local day it opened in the system (no day before it has records).</summary>
    private async Task<(TimeZoneInfo Zone, decimal VatRate, DateOnly Opened)> Store()
    {
        var store = await StoreFacts.Store(GrainFactory, StoreId);
        var zone = StoreFacts.Zone(store);
        return (zone, store?.Policies.VatRate ?? 0.13m, store is null ? DateOnly.MaxValue : StoreFacts.LocalDate(store.CreatedAt, zone));
    }

    /// <summary>The store's settings; an account a later release added and the store has not mapped yet keeps its default code.</summary>
    private async Task<VoucherSettings> SettingsOrDefaults()
    {
        var kept = await database.First(
            "SELECT accounts, columns, voucher_word FROM voucher_settings WHERE store_id = $1 LIMIT 1",
            r => new VoucherSettings(JsonSerializer.Deserialize<List<AccountMapping>>(r.GetString(0))!,
                [.. r.GetFieldValue<string[]>(1).Select(Enum.Parse<VoucherColumn>)], r.GetString(2)),
            StoreId);
        return kept is null ? VoucherRules.Defaults : kept with
        {
            Accounts = [.. kept.Accounts, .. VoucherRules.Defaults.Accounts.Where(d => kept.Accounts.All(a => a.Account != d.Account))],
        };
    }

    /// <summary>A day's vouchers from its records, numbered on from the last voucher of the month's closed days.</summary>
    private async Task<VoucherDay> Built(DateOnly day, TimeZoneInfo zone, decimal vatRate, VoucherSettings settings)
    {
        var (from, to) = (StoreFacts.StartOf(day, zone), StoreFacts.StartOf(day.AddDays(1), zone));
        var monthStart = new DateOnly(day.Year, day.Month, 1);
        var numbered = await database.Scalar<int?>(
            "SELECT max(voucher) FROM voucher_lines WHERE store_id = $1 AND day >= $2 AND day < $3", StoreId, monthStart, day) ?? 0;
        var vouchers = VoucherRules.Build(
            await VoucherSources.Invoices(database, StoreId, from, to), await VoucherSources.Money(database, StoreId, from, to),
            await VoucherSources.PartsCost(database, StoreId, from, to), day, vatRate, settings.Accounts.ToDictionary(a => a.Account), numbered + 1);
        return new VoucherDay(StoreId, day, false, null, null, settings.VoucherWord, vouchers);
    }

    /// <summary>A closed day's vouchers as they were closed, or null if the day is open.</summary>
    private async Task<VoucherDay?> Kept(DateOnly day)
    {
        var closed = await database.First(
            "SELECT closed_at, closed_by, voucher_word FROM voucher_days WHERE store_id = $1 AND day = $2 LIMIT 1",
            r => (At: r.GetFieldValue<DateTimeOffset>(0), By: r.GetString(1), Word: r.GetString(2)), StoreId, day);
        if (closed == default)
        {
            return null;
        }

        var lines = await database.List(
            "SELECT voucher, entry, summary, source, account, code, name, debit, credit, auxiliary FROM voucher_lines " +
            "WHERE store_id = $1 AND day = $2 ORDER BY voucher, entry",
            r => (Voucher: r.GetInt32(0), Summary: r.GetString(2), Source: r.GetString(3), Entry: new VoucherEntry(r.GetInt32(1),
                Enum.Parse<VoucherAccount>(r.GetString(4)), r.GetString(5), r.GetString(6), r.GetDecimal(7), r.GetDecimal(8), Sql.Text(r, 9))),
            StoreId, day);
        return new VoucherDay(StoreId, day, true, closed.At, closed.By, closed.Word,
            [.. lines.GroupBy(l => l.Voucher).Select(g => new Voucher(g.Key, g.First().Summary, g.First().Source, [.. g.Select(l => l.Entry)]))]);
    }
}

/// <summary>A closed day (<c>voucher_days</c>).</summary>
internal sealed record VoucherDayRow(string GroupId, string StoreId, VoucherDay Day) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO voucher_days (group_id, store_id, day, closed_at, closed_by, voucher_word, vouchers, debit, credit) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        GroupId, StoreId, Day.Day, Day.ClosedAt, Day.ClosedBy, Day.VoucherWord, Day.Vouchers.Count, Day.Debit, Day.Credit);
}

/// <summary>One entry of a closed day's voucher (<c>voucher_lines</c>).</summary>
internal sealed record VoucherLineRow(string StoreId, DateOnly Day, Voucher Voucher, VoucherEntry Entry) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO voucher_lines (store_id, day, voucher, entry, summary, source, account, code, name, debit, credit, auxiliary) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        StoreId, Day, Voucher.Number, Entry.Entry, Voucher.Summary, Voucher.Source, Entry.Account, Entry.Code, Entry.Name, Entry.Debit, Entry.Credit,
        Entry.Auxiliary);
}

/// <summary>The store's voucher settings (<c>voucher_settings</c>), replaced whole.</summary>
internal sealed record VoucherSettingsRow(string GroupId, string StoreId, VoucherSettings Settings, DateTimeOffset At, string By) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO voucher_settings (group_id, store_id, accounts, columns, voucher_word, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7) " +
        "ON CONFLICT (store_id) DO UPDATE SET accounts = EXCLUDED.accounts, columns = EXCLUDED.columns, voucher_word = EXCLUDED.voucher_word, " +
        "updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by",
        GroupId, StoreId, Sql.Jsonb(JsonSerializer.Serialize(Settings.Accounts)), Settings.Columns.Select(c => c.ToString()).ToArray(),
        Settings.VoucherWord, At, By);
}
