using System.IO.Compression;
using System.Net;
using System.Text;
using Dealership.Integration.Tests.Infrastructure;

namespace Dealership.Integration.Tests.System;

/// <summary>
/// The full export of a store's and a group's data: a .zip of every table its records live in, from one snapshot, with a README;
/// another store's records never in it; secrets never in it; administrators only; every export audited.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class DataExportApiTests(SystemFixture fixture)
{
    /// <summary>Tables that are not a store's data: the cluster's runtime, the schema's history, retry answers.</summary>
    private static readonly string[] NotData =
    [
        "orleansmembershiptable", "orleansmembershipversiontable", "orleansquery", "orleansreminderstable", "orleansstorage_release7",
        "dealership_schema_history", "operations",
    ];

    private static string NewMobile() => $"136{Random.Shared.Next(0, 100_000_000):D8}";

    internal static async Task<Dictionary<string, string>> Unzip(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".zip", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var files = new Dictionary<string, string>();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            files[entry.FullName] = await reader.ReadToEndAsync();
        }

        Assert.Equal("README.md", zip.Entries[0].FullName);
        return files;
    }

    private async Task<long> Count(string sql, params (string, object?)[] parameters) => await fixture.System.Database.Scalar<long>(sql, parameters);

    private async Task<List<string>> Tables(string where) =>
        [.. (await fixture.System.Database.Scalar<string[]>(
            "SELECT COALESCE(array_agg(c.relname::text ORDER BY c.relname), '{}') FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace " +
            $"AND c.relkind = 'r' AND c.relname <> ALL(@notData) AND ({where})", ("notData", NotData)))];

    private static string HasColumn(string column) =>
        $"EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = '{column}' AND NOT a.attisdropped)";

    [Fact]
    public async Task A_store_export_holds_every_table_of_the_store_and_nothing_of_another_store()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        using var hexiSc = fixture.A.Client(await fixture.A.SignIn("hexi-sc1"));
        using var chaoyangSc = fixture.A.Client(await fixture.A.SignIn("chaoyang-sc1"));
        var ours = $"韩梅梅 {tag}";
        var theirs = $"=HYPERLINK(\"x\") {tag}";
        await (await hexiSc.Post($"/api/stores/{Demo.Hexi}/showroom-register",
            new { kind = "Visit", source = "WalkIn", customerName = ours, mobile = NewMobile(), modelOfInterest = "Corolla", partySize = 1, grade = "A" }))
            .Json(HttpStatusCode.Created);
        await (await chaoyangSc.Post($"/api/stores/{Demo.Chaoyang}/showroom-register",
            new { kind = "Visit", source = "WalkIn", customerName = theirs, mobile = NewMobile(), modelOfInterest = "Tayron", partySize = 1, grade = "A" }))
            .Json(HttpStatusCode.Created);

        using var admin = fixture.A.Client(await fixture.A.SignIn("huaxia-admin"));
        var audits = await Count("SELECT count(*) FROM audit_trail WHERE subject = 'data-export' AND store_id = @s", ("s", Demo.Hexi));
        var files = await Unzip(await admin.GetAsync($"/api/stores/{Demo.Hexi}/export.zip"));


        // Every table that holds a store's rows is there, and the README names each with its columns.
        var storeTables = await Tables($"{HasColumn("store_id")} OR {HasColumn("from_store_id")} OR {HasColumn("store_ids")} OR c.relname = 'grain_state'");
        Assert.Equal([.. storeTables.Select(t => t + ".csv").Order(StringComparer.Ordinal)],
            files.Keys.Where(f => f != "README.md" && !f.StartsWith("imports/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        var readme = files["README.md"];
        Assert.Contains($"store {Demo.Hexi} of group {Demo.Group}", readme);
        Assert.Contains("### customers.csv", readme);
        Assert.Contains("| masked_mobile | text |", readme);
        Assert.DoesNotContain("(no description)", readme);

        // The store's own rows, as many as the database holds; not one of another store's, in any file.
        var customers = CsvRows.Read(files["customers.csv"]);
        Assert.All(customers, c => Assert.Equal(Demo.Hexi, c["store_id"]));
        Assert.Contains(customers, c => c["name"] == ours);
        Assert.Equal(await Count("SELECT count(*) FROM customers WHERE store_id = @s", ("s", Demo.Hexi)), customers.Count);
        foreach (var table in new[] { "register_entries", "stock_ledger", "parts_items", "deals", "vehicles" })
        {
            Assert.Equal(await Count($"SELECT count(*) FROM {table} WHERE store_id = @s", ("s", Demo.Hexi)), CsvRows.Read(files[table + ".csv"]).Count);
        }

        Assert.All(files, f => Assert.DoesNotContain(tag, f.Value.Replace(ours, "", StringComparison.Ordinal)));
        var states = CsvRows.Read(files["grain_state.csv"]);
        Assert.All(states, s => Assert.True(s["grain_key"] == $"store/{Demo.Hexi}" || s["grain_key"]!.StartsWith(Demo.Hexi + "/", StringComparison.Ordinal), s["grain_key"]));
        Assert.Contains(states, s => s["state_name"] == "dealership");
        Assert.DoesNotContain(states, s => s["state_name"] is "login" or "board-tokens" or "staff");

        // Audited: who, when, which store.
        Assert.Equal(audits + 1, await Count("SELECT count(*) FROM audit_trail WHERE subject = 'data-export' AND store_id = @s", ("s", Demo.Hexi)));
        Assert.Equal(1, await Count(
            "SELECT count(*) FROM audit_trail WHERE subject = 'data-export' AND store_id = @s AND by LIKE 'huaxia-admin (%' AND at > now() - interval '5 minutes'",
            ("s", Demo.Hexi)));

        // The other store's export has its customer, with the text a spreadsheet would run as a formula written to be shown.
        var chaoyang = await Unzip(await admin.GetAsync($"/api/stores/{Demo.Chaoyang}/export.zip"));
        var theirCustomer = Assert.Single(CsvRows.Read(chaoyang["customers.csv"]), c => c["name"]!.Contains(tag, StringComparison.Ordinal));
        Assert.Equal("'" + theirs, theirCustomer["name"]);
        Assert.DoesNotContain(ours, string.Concat(chaoyang.Values));
    }

    [Fact]
    public async Task Only_administrators_export_and_only_a_group_administrator_exports_the_group()
    {
        using var gm = fixture.A.Client(await fixture.A.SignIn("hexi-gm"));
        using var groupAdmin = fixture.A.Client(await fixture.A.SignIn("huaxia-admin"));
        var audits = await Count("SELECT count(*) FROM audit_trail WHERE subject = 'data-export'");
        await (await gm.GetAsync($"/api/stores/{Demo.Hexi}/export.zip")).Problem(HttpStatusCode.Forbidden);
        await (await gm.GetAsync($"/api/groups/{Demo.Group}/export.zip")).Problem(HttpStatusCode.Forbidden);

        // A store's administrator exports that store only, and not the group.
        var username = $"it{Guid.NewGuid():N}"[..14];
        await (await groupAdmin.Post($"/api/groups/{Demo.Group}/staff", new
        {
            username,
            displayName = "河西店 IT",
            role = "Administrator",
            storeIds = new[] { Demo.Hexi },
            wholeGroup = false,
            password = "a-good-long-password",
        })).Json(HttpStatusCode.Created);
        using var storeAdmin = fixture.A.Client(await fixture.A.SignIn(username, "a-good-long-password"));
        await (await storeAdmin.GetAsync($"/api/stores/{Demo.Chaoyang}/export.zip")).Problem(HttpStatusCode.Forbidden);
        await (await storeAdmin.GetAsync($"/api/groups/{Demo.Group}/export.zip")).Problem(HttpStatusCode.Forbidden);
        Assert.Equal(audits, await Count("SELECT count(*) FROM audit_trail WHERE subject = 'data-export'"));
        var store = await Unzip(await storeAdmin.GetAsync($"/api/stores/{Demo.Hexi}/export.zip"));
        Assert.Contains(CsvRows.Read(store["staff_members.csv"]), s => s["staff_id"] == username);

        // The group's export: every table of the schema, every store's rows, its staff and templates, and no secret.
        var group = await Unzip(await groupAdmin.GetAsync($"/api/groups/{Demo.Group}/export.zip"));
        var tables = await Tables("true");
        Assert.Equal([.. tables.Select(t => t + ".csv")], group.Keys.Where(f => f != "README.md").Order(StringComparer.Ordinal));
        Assert.Equal(
            new[] { Demo.Chaoyang, Demo.Haidian, Demo.Hexi },
            CsvRows.Read(group["consultants.csv"]).Select(c => c["store_id"]!).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(await Count("SELECT count(*) FROM staff_members WHERE group_id = @g", ("g", Demo.Group)), CsvRows.Read(group["staff_members.csv"]).Count);
        var states = CsvRows.Read(group["grain_state.csv"]);
        Assert.Contains(states, s => s["grain_key"] == $"group/{Demo.Group}");
        Assert.Contains(states, s => s["state_name"] == "staff" && s["grain_key"] == $"{Demo.Group}/{username}");
        Assert.DoesNotContain(states, s => s["state_name"] is "login" or "board-tokens");
        Assert.All(group.Values, text => Assert.DoesNotContain("PasswordHash", text));
        Assert.Equal(audits + 2, await Count("SELECT count(*) FROM audit_trail WHERE subject = 'data-export'"));
        Assert.Equal(1, await Count(
            "SELECT count(*) FROM audit_trail WHERE subject = 'data-export' AND store_id IS NULL AND group_id = @g AND at > now() - interval '5 minutes'",
            ("g", Demo.Group)));
    }

    [Fact]
    public async Task Every_table_says_whose_rows_it_holds_and_what_it_is()
    {
        // A later migration's table without a store or group column would leave a store's data out of its export unseen.
        Assert.Empty(await Tables(
            $"NOT ({HasColumn("store_id")} OR {HasColumn("group_id")} OR {HasColumn("from_store_id")} OR {HasColumn("store_ids")} OR c.relname = 'grain_state')"));
        Assert.Empty(await Tables("obj_description(c.oid, 'pg_class') IS NULL"));
    }
}
