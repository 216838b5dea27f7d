namespace Dealership.Web.Services;

/// <summary>The words of the back-office desks: the cashier, the finance specialist and the technician's PDI.</summary>
public static partial class Words
{
    private static Dictionary<string, (string Zh, string En)> DeskWords => new()
    {
        ["nav.cashier"] = ("收银台", "Cashier's desk"),
        ["nav.loans"] = ("贷款案件", "Loan cases"),
        ["nav.pdi"] = ("PDI 检查", "PDI"),
        ["cashier.title"] = ("收银台", "Cashier's desk"),
        ["cashier.hint"] = ("已签约的订单待收款、开票；已取消的订单待退款。", "Signed deals wait for payment and their invoice; cancelled deals for their refund."),
        ["loans.title"] = ("贷款案件", "Loan cases"),

        ["pdi.queue"] = ("待做 PDI", "Cars waiting for PDI"),
        ["pdi.none"] = ("没有待做的 PDI。", "No car waits for its PDI."),
        ["pdi.title"] = ("PDI 检查单", "PDI checklist"),
        ["pdi.signBy"] = ("最晚完成", "Sign by"),
        ["pdi.task"] = ("任务", "Task"),
        ["pdi.open"] = ("检查", "Inspect"),
        ["pdi.item"] = ("检查项目", "Item"),
        ["pdi.passed"] = ("合格", "Passed"),
        ["pdi.mileage"] = ("里程（公里）", "Odometer (km)"),
        ["pdi.sign"] = ("签字确认", "Sign the PDI"),
        ["pdi.signed"] = ("PDI 已签字：{0}，{1}，{2} 公里", "PDI signed {0} by {1} at {2} km"),
    };
}
