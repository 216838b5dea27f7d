namespace Dealership.Web.Services;

/// <summary>The words of consultants' performance: scorecards, reviews and the headcount plan.</summary>
public static partial class Words
{
    private static Dictionary<string, (string Zh, string En)> PerformanceWords => new()
    {
        ["nav.scorecards"] = ("绩效考核", "Scorecards"),
        ["nav.myScorecard"] = ("我的考核", "My scorecard"),
        ["score.title"] = ("销售顾问绩效考核", "Consultants' scorecards"),
        ["score.period"] = ("考核期", "Period"),
        ["score.quarter"] = ("{0} 季度", "Quarter {0}"),
        ["score.units"] = ("零售/目标", "Retail / target"),
        ["score.profit"] = ("毛利/目标", "Gross profit / target"),
        ["score.closing"] = ("成交率", "Closing rate"),
        ["score.testDrive"] = ("试驾率", "Test-drive rate"),
        ["score.followUps"] = ("按时回访", "Follow-ups on time"),
        ["score.penetration"] = ("精品/保险/金融渗透", "Accessory / insurance / finance"),
        ["score.satisfaction"] = ("满意度", "Satisfaction"),
        ["score.complaints"] = ("投诉", "Complaints"),
        ["score.rating"] = ("评分", "Rating"),
        ["score.review"] = ("评估", "Review"),
        ["score.notEnded"] = ("考核期尚未结束：结束后才能评估。", "The period has not ended: it is reviewed once it has."),
        ["score.reviewTitle"] = ("评估 {0}（{1}）", "Review {0} ({1})"),
        ["score.comments"] = ("评语", "Comments"),
        ["score.save"] = ("保存评估", "Save the review"),
        ["score.reviewed"] = ("{0} 于 {1} 评估：{2} 分。{3}", "Reviewed by {0} at {1}: {2}/5. {3}"),
        ["score.acknowledged"] = ("{0} 于 {1} 确认。{2}", "Acknowledged by {0} at {1}. {2}"),
        ["score.notReviewed"] = ("尚未评估", "Not reviewed yet"),
        ["score.myComment"] = ("我的意见（可选）", "My comment (optional)"),
        ["score.acknowledge"] = ("确认评估", "Acknowledge the review"),
        ["sheet.weekly"] = ("周会", "Weekly meeting"),
        ["sheet.monthly"] = ("月会", "Monthly meeting"),
        ["sheet.kind"] = ("会议", "Meeting"),
        ["sheet.title"] = ("{0} · {1}（{2} 至 {3}）", "{0} · {1} ({2} to {3})"),
        ["sheet.period"] = ("本期", "The period"),
        ["sheet.consultants"] = ("顾问表现", "Consultants"),
        ["sheet.ahead"] = ("{0} 已排：交车 {1} 台，试驾 {2} 次", "Booked for {0}: {1} handovers, {2} test drives"),
        ["headcount.title"] = ("销售顾问人员需求 {0}", "Consultants needed for {0}"),
        ["headcount.line"] = ("年度目标 {0} 台（{1} 个月已设）；近 12 个月人均每月 {2} 台（{3} 台 / {4} 人月）；需要 {5} 人，现有 {6} 人，缺口 {7}。",
            "Target {0} units ({1} months set); last 12 months {2} units per consultant-month ({3} units / {4} consultant-months); {5} needed, {6} on the roster, gap {7}."),
    };
}
