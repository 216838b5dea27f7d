using System.Globalization;
using System.Net;
using System.Text;
using Dealership.Contracts.Parts;

namespace Dealership.Gateway.Reports;

/// <summary>
/// The receipt slip (入库单) as a page to print and sign at the dock: the order, supplier and delivery note, each line as counted
/// and its value at the order's cost, the claims it opened, and lines for the receiver's and the storekeeper's signatures.
/// Everything from the record is HTML-encoded; the page loads nothing from anywhere.
/// </summary>
public static class ReceiptSlipPage
{
    public static string Html(string storeName, PartsReceipt slip, TimeZoneInfo zone)
    {
        static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
        static string N(decimal value) => value.ToString("#,0.00", CultureInfo.InvariantCulture);
        var at = TimeZoneInfo.ConvertTime(slip.ReceivedAt, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>入库单 Receipt ")
            .Append(E(slip.PurchaseOrderId)).Append('/').Append(slip.Number).Append("</title><style>")
            .Append("body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;margin:2em}table{border-collapse:collapse;width:100%}")
            .Append("th,td{border:1px solid #444;padding:4px 8px;text-align:left}td.n{text-align:right}.sign{margin-top:3em;display:flex;gap:4em}")
            .Append("@media print{body{margin:0}}</style></head><body>")
            .Append("<h1>入库单 Receipt slip</h1><p>").Append(E(storeName)).Append("</p><dl>")
            .Append("<dt>采购订单 Purchase order</dt><dd>").Append(E(slip.PurchaseOrderId)).Append(" · receipt ").Append(slip.Number).Append("</dd>")
            .Append("<dt>供应商 Supplier</dt><dd>").Append(E(slip.Supplier)).Append("</dd>")
            .Append("<dt>送货单 Delivery note</dt><dd>").Append(E(slip.DeliveryNote)).Append("</dd>")
            .Append("<dt>验收 Received</dt><dd>").Append(E(at)).Append(" · ").Append(E(slip.ReceivedBy)).Append("</dd></dl>")
            .Append("<table><thead><tr><th>#</th><th>零件号 Part</th><th>名称 Description</th><th>送货 Delivered</th><th>合格 Accepted</th>")
            .Append("<th>损坏 Damaged</th><th>短缺 Short</th><th>单价 Unit cost</th><th>金额 Amount</th></tr></thead><tbody>");
        foreach (var line in slip.Lines)
        {
            page.Append("<tr><td>").Append(line.Line).Append("</td><td>").Append(E(line.PartNumber)).Append("</td><td>").Append(E(line.Description))
                .Append("</td><td class=n>").Append(line.Delivered).Append("</td><td class=n>").Append(line.Accepted).Append("</td><td class=n>")
                .Append(line.Damaged).Append("</td><td class=n>").Append(line.Short).Append("</td><td class=n>").Append(N(line.UnitCost))
                .Append("</td><td class=n>").Append(N(line.Amount)).Append("</td></tr>");
        }

        page.Append("</tbody><tfoot><tr><th colspan=8>合计 Total (CNY)</th><td class=n>").Append(N(slip.Amount)).Append("</td></tr></tfoot></table>");
        if (slip.Claims.Count > 0)
        {
            page.Append("<p>索赔 Claims opened: ").Append(E(string.Join(", ", slip.Claims))).Append("</p>");
        }

        page.Append("<div class=sign><span>验收人 Received by: ____________</span><span>保管员 Storekeeper: ____________</span></div></body></html>");
        return page.ToString();
    }
}
