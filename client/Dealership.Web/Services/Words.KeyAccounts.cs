namespace Dealership.Web.Services;

/// <summary>The words of key accounts: company customers, their terms and credit.</summary>
public static partial class Words
{
    private static Dictionary<string, (string Zh, string En)> KeyAccountWords => new()
    {
        ["nav.keyAccounts"] = ("大客户", "Key accounts"),
        ["account.title"] = ("大客户管理", "Key accounts"),
        ["account.name"] = ("公司名称", "Company"),
        ["account.creditCode"] = ("统一社会信用代码", "Unified social credit code"),
        ["account.vat"] = ("发票", "Invoice"),
        ["account.vatSpecial"] = ("增值税专用发票", "Special VAT invoice"),
        ["account.vatOrdinary"] = ("普通发票", "Ordinary invoice"),
        ["account.vatSpecialAsk"] = ("开具增值税专用发票", "Takes special VAT invoices"),
        ["account.address"] = ("注册地址", "Registered address"),
        ["account.contacts"] = ("联系人（每行：姓名, 职务, 手机）", "Contacts (one per line: name, title, mobile)"),
        ["account.prices"] = ("协议价", "Agreed prices"),
        ["account.pricesHint"] = ("协议价（每行：车型, 配置, 含税价）", "Agreed prices (one per line: model, trim, price incl. VAT)"),
        ["account.paymentDays"] = ("账期（天）", "Payment days"),
        ["account.creditLimit"] = ("信用额度（元）", "Credit limit (CNY)"),
        ["account.open"] = ("新建大客户", "Open a key account"),
        ["account.editing"] = ("修改 {0}（第 {1} 版）", "Changing {0} (revision {1})"),
        ["account.openSave"] = ("建立客户", "Open the account"),
        ["account.save"] = ("保存条件", "Save the terms"),
        ["account.saved"] = ("已保存：{0}（第 {1} 版）", "Saved: {0} (revision {1})"),
    };
}
