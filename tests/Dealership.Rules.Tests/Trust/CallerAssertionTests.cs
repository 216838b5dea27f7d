using Dealership.Contracts.Staff;
using Dealership.Trust;

namespace Dealership.Rules.Tests.Trust;

public sealed class CallerAssertionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 9, 0, 0, TimeSpan.FromHours(8));
    private const string CurrentKey = "the-current-caller-key-0123456789abcdef-01";
    private const string PreviousKey = "the-previous-caller-key-0123456789abcdef-0";
    private static readonly SigningKeys Current = new(CurrentKey);
    private static readonly SigningKeys Previous = new(PreviousKey);
    private static readonly SigningKeys Operators = new("the-operator-key-0123456789abcdef-0123456");
    private static readonly Caller Consultant = new("sc1", "huaxia", StaffRole.SalesConsultant, ["bj-chaoyang-vw"], false, "Consultant 1");

    [Fact]
    public void A_signed_caller_reads_back_whole()
    {
        var verified = CallerAssertion.Verify(CallerAssertion.Sign(Consultant, 7, Now.AddMinutes(2), Current), Current, Operators, Now);

        Assert.Null(verified.Reason);
        Assert.Equal(7, verified.Revision);
        Assert.Equal(Consultant with { StoreIds = verified.Caller!.StoreIds }, verified.Caller);
        Assert.Equal(Consultant.StoreIds, verified.Caller.StoreIds);
    }

    [Fact]
    public void During_a_rotation_the_previous_key_still_verifies_and_after_it_nothing_it_signed_does()
    {
        var signedBefore = CallerAssertion.Sign(Consultant, 1, Now.AddMinutes(2), Previous);
        var rotating = new SigningKeys(CurrentKey, PreviousKey);

        Assert.NotNull(CallerAssertion.Verify(signedBefore, rotating, null, Now).Caller);
        Assert.Equal(Current.CurrentId, rotating.CurrentId);
        Assert.Contains("not signed by a key", CallerAssertion.Verify(signedBefore, Current, null, Now).Reason);
    }

    [Fact]
    public void A_changed_payload_an_expired_signature_and_garbage_are_refused_without_quoting_them()
    {
        var signed = CallerAssertion.Sign(Consultant, 1, Now.AddMinutes(2), Current);
        var parts = signed.Split('.');
        var widened = CallerAssertion.Sign(Consultant with { WholeGroup = true, Role = StaffRole.GroupHq }, 1, Now.AddMinutes(2), Current).Split('.')[2];
        string[] refused =
        [
            $"{parts[0]}.{parts[1]}.{widened}.{parts[3]}",
            CallerAssertion.Sign(Consultant, 1, Now.AddMinutes(-1), Current),
            "v1.abc",
            "v2." + signed[3..],
            $"{parts[0]}.{parts[1]}.!!!.{parts[3]}",
            new string('a', CallerAssertion.MaxLength + 1),
        ];

        Assert.All(refused, text =>
        {
            var verdict = CallerAssertion.Verify(text, Current, Operators, Now);
            Assert.Null(verdict.Caller);
            Assert.DoesNotContain(text, verdict.Reason!);
        });
        Assert.Equal("the call carried no signed caller", CallerAssertion.Verify(null, Current, Operators, Now).Reason);
    }

    [Fact]
    public void The_clock_of_a_silo_may_lag_the_signer_by_thirty_seconds()
    {
        var signed = CallerAssertion.Sign(Consultant, 1, Now, Current);

        Assert.NotNull(CallerAssertion.Verify(signed, Current, null, Now.AddSeconds(29)).Caller);
        Assert.Null(CallerAssertion.Verify(signed, Current, null, Now.AddSeconds(31)).Caller);
    }

    [Fact]
    public void Only_the_operator_key_signs_the_operator_and_a_gateway_key_never_does()
    {
        var byGatewayKey = CallerAssertion.Sign(Caller.Platform("intruder"), 0, Now.AddMinutes(1), Current);
        var byOperatorKey = CallerAssertion.Sign(Caller.Platform("ops"), 0, Now.AddMinutes(1), Operators);

        Assert.Null(CallerAssertion.Verify(byGatewayKey, Current, Operators, Now).Caller);
        Assert.Equal(CallerKind.Operator, CallerAssertion.Verify(byOperatorKey, Current, Operators, Now).Caller!.Kind);
        Assert.Equal("operator calls are not enabled on this silo", CallerAssertion.Verify(byOperatorKey, Current, null, Now).Reason);
    }

    [Fact]
    public void Keys_shorter_than_32_characters_or_shared_between_callers_and_the_operator_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new SigningKeys("short"));
        var settings = new TrustSettings { CallerKey = CurrentKey, OperatorKey = CurrentKey };
        Assert.Throws<InvalidOperationException>(settings.OperatorKeys);
    }
}
