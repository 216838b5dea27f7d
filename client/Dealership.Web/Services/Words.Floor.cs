namespace Dealership.Web.Services;

/// <summary>The words of the consultant's floor: the customer card, follow-ups and test drives.</summary>
public static partial class Words
{
    private static Dictionary<string, (string Zh, string En)> FloorWords => new()
    {
        ["card.title"] = ("客户卡", "Customer card"),
        ["card.firstSeen"] = ("首次到店", "First seen"),
        ["card.visits"] = ("来店 / 来电", "Visits / calls"),
        ["card.openDeal"] = ("开始报价", "Open a deal"),
        ["card.wonDeal"] = ("查看订单", "See the deal"),
        ["prospectStatus.Active"] = ("跟进中", "Following up"),
        ["prospectStatus.LostPending"] = ("战败待确认", "Lost, awaiting confirmation"),
        ["prospectStatus.Lost"] = ("已战败", "Lost"),
        ["prospectStatus.Won"] = ("已成交", "Won"),

        ["followUp.log"] = ("记录回访", "Log a follow-up"),
        ["followUp.history"] = ("回访记录", "Follow-up log"),
        ["followUp.at"] = ("时间", "When"),
        ["followUp.by"] = ("经办人", "By"),
        ["followUp.channel"] = ("方式", "Channel"),
        ["followUp.note"] = ("内容", "Note"),
        ["followUp.grade"] = ("调整意向级别（可选）", "New grade (optional)"),
        ["followUp.submit"] = ("保存回访", "Save the follow-up"),
        ["channel.phone"] = ("电话", "Phone"),
        ["channel.visit"] = ("到店", "Visit"),
        ["channel.wechat"] = ("微信", "WeChat"),
        ["channel.sms"] = ("短信", "SMS"),
        ["channel.import"] = ("导入", "Import"),

        ["drive.title"] = ("试驾", "Test drive"),
        ["drive.start"] = ("开始试驾", "Start a test drive"),
        ["drive.noDemoCars"] = ("本店暂无可用的试驾车。", "No demo car is free in this store."),
        ["drive.car"] = ("试驾车", "Demo car"),
        ["drive.licence"] = ("驾驶证号", "Driving licence number"),
        ["drive.expiry"] = ("驾驶证有效期至", "Licence valid until"),
        ["drive.startMileage"] = ("出发里程（公里）", "Odometer at start (km)"),
        ["drive.go"] = ("出发", "Start"),
        ["drive.started"] = ("出发", "Started"),
        ["drive.ended"] = ("返回", "Returned"),
        ["drive.endMileage"] = ("返回里程（公里）", "Odometer at return (km)"),
        ["drive.end"] = ("结束试驾", "End the drive"),
        ["drive.backToCard"] = ("返回客户卡", "Back to the customer card"),
        ["driveStatus.Driving"] = ("试驾中", "On the road"),
        ["driveStatus.Finished"] = ("已结束", "Finished"),

        ["floor.title"] = ("展厅状态", "The floor now"),
        ["floor.since"] = ("开始于", "Since"),
        ["consultantStatus.Available"] = ("空闲", "Available"),
        ["consultantStatus.WithCustomer"] = ("接待中", "With a customer"),
        ["consultantStatus.OnTestDrive"] = ("试驾中", "On a test drive"),
        ["consultantStatus.Delivering"] = ("交车中", "Delivering"),
        ["consultantStatus.Away"] = ("离开", "Away"),

        ["vehicleStatus.Ordered"] = ("已订购", "Ordered"),
        ["vehicleStatus.InTransit"] = ("在途", "In transit"),
        ["vehicleStatus.InStock"] = ("在库", "In stock"),
        ["vehicleStatus.Reserved"] = ("已预留", "Reserved"),
        ["vehicleStatus.Sold"] = ("已售", "Sold"),
        ["vehicleStatus.Delivered"] = ("已交车", "Delivered"),
        ["vehicleStatus.TransferredOut"] = ("已调出", "Transferred out"),
    };
}
