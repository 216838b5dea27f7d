namespace Dealership.Web.Services;

/// <summary>The words of the group administrator's register of partner systems (API clients).</summary>
public static partial class Words
{
    private static Dictionary<string, (string Zh, string En)> PartnerWords => new()
    {
        ["nav.apiClients"] = ("接口接入方", "API clients"),
        ["partners.title"] = ("接口接入方（厂家、金融、保险、数据仓库）", "API clients (OEM, lenders, insurers, data warehouse)"),
        ["partners.intro"] = ("接入方以 OAuth 2 客户端凭证换取令牌，只能访问所授权的门店、岗位和范围；每次使用都记在其编号名下。",
            "A partner's system exchanges its client credentials for a token (OAuth 2) and reaches only the stores, role and scopes given here; everything it does is recorded under its client id."),
        ["partners.groupOnly"] = ("只有全集团的系统管理员可以登记接入方。", "Only an administrator of the whole group registers API clients."),
        ["partners.new"] = ("登记接入方", "Register an API client"),
        ["partners.name"] = ("名称", "Name"),
        ["partners.role"] = ("以何岗位访问", "Acts as"),
        ["partners.scopes"] = ("授权范围", "Scopes"),
        ["partners.read"] = ("读", "Read"),
        ["partners.write"] = ("写", "Write"),
        ["partners.register"] = ("登记", "Register"),
        ["partners.client"] = ("接入方编号", "Client id"),
        ["partners.secret"] = ("密钥", "Secret"),
        ["partners.secretFor"] = ("{0} 的密钥：", "Secret for {0}:"),
        ["partners.secretOnce"] = ("此密钥只显示这一次，系统只保存其摘要；请通过安全渠道交给接入方。", "It is shown only this once and only its hash is kept: pass it to the partner by a secure channel."),
        ["partners.rotate"] = ("更换密钥", "New secret"),
        ["partners.rotated"] = ("旧密钥在 {0} 前仍可使用。", "The old secret works until {0}."),
        ["partners.revoke"] = ("吊销", "Revoke"),
        ["partners.revoked"] = ("已吊销", "Revoked"),
        ["partners.active"] = ("有效", "Active"),
        ["partners.lastToken"] = ("最近取令牌", "Last token"),
        ["partners.never"] = ("从未", "Never"),
        ["partners.none"] = ("还没有接入方。", "No API client yet."),

        // One per area of the API a scope may name (a rules test holds them to the contract's list); the form offers each.
        ["area.groups-and-stores"] = ("集团与门店", "Groups and stores"),
        ["area.sales-floor"] = ("展厅销售", "Sales floor"),
        ["area.showroom-register"] = ("来店来电登记", "Showroom register"),
        ["area.prospects"] = ("意向客户", "Prospects"),
        ["area.deals"] = ("订单", "Deals"),
        ["area.vehicles"] = ("车辆", "Vehicles"),
        ["area.parts"] = ("配件", "Parts"),
        ["area.purchase-orders"] = ("配件采购", "Purchase orders"),
        ["area.tasks"] = ("任务", "Tasks"),
        ["area.after-sale"] = ("售后回访与投诉", "After sale"),
        ["area.service"] = ("维修服务", "Service"),
        ["area.insurance-renewals"] = ("保险续保", "Insurance renewals"),
        ["area.retention-numbers"] = ("保有客户", "Retention numbers"),
        ["area.pay"] = ("薪酬", "Pay"),
        ["area.performance"] = ("绩效", "Performance"),
        ["area.key-accounts"] = ("大客户", "Key accounts"),
        ["area.fleet-orders"] = ("团购订单", "Fleet orders"),
        ["area.receivables"] = ("应收账款", "Receivables"),
        ["area.customer-events"] = ("客户活动", "Customer events"),
        ["area.targets"] = ("目标", "Targets"),
        ["area.reports"] = ("报表", "Reports"),
        ["area.data"] = ("数据导入导出", "Data"),
        ["area.vouchers"] = ("会计凭证", "Vouchers"),
    };
}
