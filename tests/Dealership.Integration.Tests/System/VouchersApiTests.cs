using System.Net;
using Dealership.Integration.Tests.Infrastructure;
using MiniExcelLibs;

namespace Dealership.Integration.Tests.System;

/// <summary>
/// The accounting vouchers through the API: finance reads a day's (each balances), maps the accounts and orders the file's columns
/// as its software imports them, downloads the .xlsx in that order; bad input names its field; a day not over does not close.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class VouchersApiTests(SystemFixture fixture)
{
    private const string Store = $"/api/v2/stores/{Demo.Haidian}";

    [Fact]
    public async Task Finance_reads_maps_downloads_and_cannot_close_a_day_not_over()
    {
        using var finance = fixture.A.Client(await fixture.A.SignIn("haidian-finance"));
        using var sc = fixture.A.Client(await fixture.A.SignIn("haidian-sc1"));
        await (await sc.GetAsync($"{Store}/vouchers")).Problem(HttpStatusCode.Forbidden);

        var today = await (await finance.GetAsync($"{Store}/vouchers")).Json(HttpStatusCode.OK);
        Assert.False(today.GetProperty("closed").GetBoolean());
        Assert.All(today.GetProperty("vouchers").EnumerateArray(), v => Assert.Equal(v.GetProperty("debit").GetDecimal(), v.GetProperty("credit").GetDecimal()));
        Assert.True((await (await finance.GetAsync($"{Store}/vouchers?day=2026-13-01")).Problem(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("day", out _));
        Assert.True((await (await finance.GetAsync($"{Store}/vouchers?day=2999-01-01")).Problem(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("day", out _));

        // The store's own codes, and the columns in the order its software imports them.
        var settings = await (await finance.GetAsync($"{Store}/voucher-settings")).Json(HttpStatusCode.OK);
        var accounts = settings.GetProperty("accounts").EnumerateArray()
            .Select(a => a.GetProperty("account").GetString() == "Bank"
                ? new { account = "Bank", code = "1002.01", name = "银行存款-工商银行" }
                : new { account = a.GetProperty("account").GetString()!, code = a.GetProperty("code").GetString()!, name = a.GetProperty("name").GetString()! })
            .ToList();
        string[] columns = ["VoucherNumber", "Date", "Summary", "AccountCode", "AccountName", "Debit", "Credit"];
        var missing = await (await finance.Put($"{Store}/voucher-settings", new { accounts = accounts.Skip(1), columns, voucherWord = "记" }))
            .Problem(HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("accounts", out _));
        var noCredit = await (await finance.Put($"{Store}/voucher-settings", new { accounts, columns = columns[..^1], voucherWord = "记" }))
            .Problem(HttpStatusCode.BadRequest);
        Assert.True(noCredit.GetProperty("errors").TryGetProperty("columns", out _));
        var saved = await (await finance.Put($"{Store}/voucher-settings", new { accounts, columns, voucherWord = "记" })).Json(HttpStatusCode.OK);
        Assert.Equal(columns, saved.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        await (await sc.Put($"{Store}/voucher-settings", new { accounts, columns, voucherWord = "记" })).Problem(HttpStatusCode.Forbidden);

        var xlsx = await finance.GetAsync($"{Store}/vouchers.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var header = ((IDictionary<string, object>)stream.Query(useHeaderRow: false).First()).Values.Select(v => v?.ToString()).ToList();
        Assert.Equal(["凭证号", "日期", "摘要", "科目代码", "科目名称", "借方金额", "贷方金额"], header);

        var close = await (await finance.Post($"{Store}/vouchers/close", new { day = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd") }))
            .Problem((HttpStatusCode)422);
        Assert.Equal("day-not-over", close.GetProperty("code").GetString());
        Assert.True((await (await finance.Post($"{Store}/vouchers/close", new { day = "yesterday" })).Problem(HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("day", out _));
        await (await sc.Post($"{Store}/vouchers/close", new { day = "2026-01-01" })).Problem(HttpStatusCode.Forbidden);
        Assert.Equal(0L, await fixture.System.Database.Scalar<long>("SELECT count(*) FROM voucher_days WHERE store_id = @s", ("s", Demo.Haidian)));
    }
}
