namespace Dealership.Web.Services;

/// <summary>The words of bringing the customer back: maintenance plans, cars' next services, the reminder calls and consent.</summary>
public static partial class Words
{
    private static Dictionary<string, (string Zh, string En)> RetentionWords => new()
    {
        ["nav.reminders"] = ("保养提醒", "Service reminders"),
        ["nav.plans"] = ("保养计划", "Maintenance plans"),

        ["reminders.title"] = ("保养提醒", "Service reminders"),
        ["reminders.hint"] = ("按行驶时间和里程到期或已逾期、未预约、同意联系的车辆，到期早的在前。",
            "Cars due by time or distance (or overdue), not booked, whose customers agreed to be contacted; soonest first."),
        ["reminders.none"] = ("今天没有需要提醒的车辆", "No cars to remind today"),
        ["reminders.due"] = ("保养到期", "Service due"),
        ["reminders.dueKm"] = ("到期里程", "Due at"),
        ["reminders.basis"] = ("依据", "By"),
        ["reminders.tries"] = ("未接通次数", "Unreachable tries"),
        ["reminders.overdue"] = ("已逾期", "Overdue"),
        ["reminders.call"] = ("致电", "Call"),
        ["reminders.card"] = ("保养提醒电话", "Service reminder call"),
        ["reminders.pace"] = ("行驶速度", "Pace"),
        ["reminders.day"] = ("天", "day"),
        ["reminders.readings"] = ("{0} 次里程读数", "{0} odometer readings"),
        ["reminders.lastService"] = ("上次进店", "Last visit"),
        ["reminders.firstService"] = ("首次保养", "First service"),
        ["reminders.service"] = ("定期保养", "Scheduled maintenance"),
        ["reminders.includes"] = ("保养项目", "Includes"),
        ["reminders.consent"] = ("营销联系", "Marketing contact"),
        ["reminders.consentYes"] = ("同意", "Agreed"),
        ["reminders.consentNo"] = ("不同意（不再提醒）", "Opted out (no reminders)"),
        ["reminders.optOut"] = ("客户要求不再联系", "Customer opts out"),
        ["reminders.book"] = ("预约保养", "Book the service"),
        ["reminders.instead"] = ("该时段已满，可选：", "That time is taken; these fit:"),
        ["reminders.bookedAt"] = ("已预约 {0}", "Booked for {0}"),
        ["reminders.reason"] = ("原因（婉拒、已卖车或搬走时必填）", "Reason (required when declined, sold or moved)"),
        ["reminders.pickTime"] = ("请选择到店时间", "Pick when the customer comes"),

        ["reminderOutcome.Booked"] = ("已预约", "Booked"),
        ["reminderOutcome.Declined"] = ("婉拒", "Declined"),
        ["reminderOutcome.Unreachable"] = ("未接通", "Unreachable"),
        ["reminderOutcome.SoldOrMoved"] = ("已卖车/搬走", "Sold the car / moved"),

        ["dueBasis.Time"] = ("按时间", "Time"),
        ["dueBasis.Distance"] = ("按里程", "Distance"),
        ["dueBasis.Agreed"] = ("约定日期", "Agreed date"),

        ["plans.title"] = ("保养计划", "Maintenance plans"),
        ["plans.hint"] = ("首保和定保按里程或时间先到者为准；「*」为其他车型通用计划。",
            "The first service and the regular interval, by distance or time, whichever comes first; * covers any other model."),
        ["plans.model"] = ("车型", "Model"),
        ["plans.modelHint"] = ("与价格表和库存中的车型名称一致，或填 * 作为通用计划", "As the price book and stock name it, or * for any other model"),
        ["plans.anyModel"] = ("其他车型（*）", "Any other model (*)"),
        ["plans.first"] = ("首保", "First service"),
        ["plans.interval"] = ("定保间隔", "Regular interval"),
        ["plans.months"] = ("个月", "months"),
        ["plans.updated"] = ("修改", "Changed"),
        ["plans.edit"] = ("修改", "Edit"),
        ["plans.firstKm"] = ("首保里程（公里）", "First service (km)"),
        ["plans.firstMonths"] = ("首保时间（月）", "First service (months)"),
        ["plans.intervalKm"] = ("间隔里程（公里）", "Interval (km)"),
        ["plans.intervalMonths"] = ("间隔时间（月）", "Interval (months)"),
        ["plans.operations"] = ("保养项目（每行一项）", "What a service includes (one per line)"),
        ["plans.save"] = ("保存计划", "Save the plan"),

        ["workshop.clusterReplaced"] = ("仪表更换原因（里程低于上次读数时填写）", "Instrument cluster replaced (why, when the reading is lower)"),
    };
}
