using Dealership.Contracts.Common;
namespace Dealership.Contracts.Staff;

/// <summary>Maps a username (unique in the cluster) to its group. Key: "login/{username}".</summary>
[Alias("ILoginGrain")]
public interface ILoginGrain : IGrainWithStringKey
{
    /// <summary>Claims the username for a group; true if it was free or already this group's.</summary>
    [Alias("Claim")]
    [ForGrainsOnly]
    Task<bool> Claim(string groupId);

    /// <summary>The group the username belongs to, or null.</summary>
    [Alias("GetGroupId")]
    Task<string?> GetGroupId();
}
