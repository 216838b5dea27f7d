using Dealership.Contracts.Common;
using Orleans.Concurrency;

namespace Dealership.Contracts.Staff;

/// <summary>One member of staff of a group. Key: <see cref="GrainKeys.InGroup"/>(group, username).</summary>
[Alias("IStaffGrain")]
public interface IStaffGrain : IGrainWithStringKey
{
    /// <summary>Creates the staff member; the username must be free in the whole cluster. A retry returns the same member.</summary>
    [Alias("Create")]
    Task<Outcome<StaffView>> Create(NewStaff staff);

    [Alias("Get")]
    Task<Outcome<StaffView>> Get();

    /// <summary>Changes role and store scope; tokens issued before stop working.</summary>
    [Alias("Assign")]
    Task<Outcome<StaffView>> Assign(StaffAssignment assignment);

    /// <summary>Disables (or re-enables) the account; a disabled member cannot sign in and their tokens stop working.</summary>
    [Alias("SetDisabled")]
    Task<Outcome<StaffView>> SetDisabled(bool disabled);

    /// <summary>Checks the password. Five failures in a row lock the account for 15 minutes.</summary>
    [Alias("SignIn")]
    Task<Outcome<SignIn>> SignIn(string password);

    /// <summary>
    /// Issues a one-time sign-in code (administrators), valid for <c>SignInCodeHours</c>: how imported staff sign in the first time,
    /// and how a member who forgot their password gets back in. Their password, if any, stays good until the code is used.
    /// </summary>
    [Alias("IssueSignInCode")]
    Task<Outcome<SignInCode>> IssueSignInCode();

    /// <summary>Signs in with a one-time code and sets the member's own password; tokens issued before stop working.</summary>
    [Alias("FirstSignIn")]
    Task<Outcome<SignIn>> FirstSignIn(string code, string newPassword);

    /// <summary>Every change to the member (created, assigned, disabled, locked), newest first, a page at a time.</summary>
    [Alias("GetHistory")]
    Task<Outcome<Page<StaffChange>>> GetHistory(PageRequest page);

    /// <summary>Whether tokens of this member are still good, and at which revision. Interleaves: silos ask it while admitting calls.</summary>
    [Alias("GetStanding"), Stores.AnyCaller, AlwaysInterleave]
    Task<StaffStanding> GetStanding();
}
