using Dealership.Contracts.Common;

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

    /// <summary>Whether tokens of this member are still good, and at which revision.</summary>
    [Alias("GetStanding"), Stores.AnyCaller]
    Task<StaffStanding> GetStanding();
}

/// <summary>Maps a username (unique in the cluster) to its group. Key: "login/{username}".</summary>
[Alias("ILoginGrain")]
public interface ILoginGrain : IGrainWithStringKey
{
    /// <summary>Claims the username for a group; true if it was free or already this group's.</summary>
    [Alias("Claim")]
    Task<bool> Claim(string groupId);

    /// <summary>The group the username belongs to, or null.</summary>
    [Alias("GetGroupId")]
    Task<string?> GetGroupId();
}

/// <summary>The staff list of a group (a projection kept by the staff grains). Key: <see cref="GrainKeys.Group"/>.</summary>
[Alias("IStaffIndexGrain")]
public interface IStaffIndexGrain : IGrainWithStringKey
{
    [Alias("Upsert")]
    Task Upsert(StaffView staff);

    /// <summary>The group's staff, optionally only those who work in one store.</summary>
    [Alias("List")]
    Task<IReadOnlyList<StaffView>> List(string? storeId);
}
