using System.Text.Json;
using System.Text.Json.Serialization;
using Dealership.ApiClient.Models;
using Microsoft.JSInterop;

namespace Dealership.Web.Services;

/// <summary>
/// Who is signed in on this tab: the staff token the gateway issued, who it names, and the store they are working in. Kept in the
/// tab's session storage so a reload keeps the user signed in; a token the gateway no longer accepts is replaced by signing in again.
/// </summary>
public sealed class Session(IJSRuntime js)
{
    private const string Key = "dealership.session";

    public string? Token { get; private set; }

    public SignedInStaff? Staff { get; private set; }

    /// <summary>The store the screens work in: the first of the user's stores (a user of several picks another in the bar).</summary>
    public string? StoreId { get; private set; }

    public bool SignedIn => Token is not null && Staff is not null;

    public event Action? Changed;

    public async Task Restore()
    {
        var saved = await js.InvokeAsync<string?>("sessionStorage.getItem", Key);
        if (saved is not null && JsonSerializer.Deserialize(saved, SessionJson.Default.Saved) is { } s)
        {
            (Token, Staff, StoreId) = (s.Token, s.Staff, s.StoreId);
        }
    }

    public async Task SignIn(TokenResponse answer)
    {
        var caller = answer.Staff!;
        var staff = new SignedInStaff(caller.StaffId!, caller.DisplayName ?? caller.StaffId!, caller.Role ?? StaffRole.SalesConsultant,
            caller.GroupId ?? "", [.. caller.StoreIds ?? []], caller.WholeGroup ?? false);
        Token = answer.AccessToken;
        // Signing in again after the token expired keeps the store the user was working in.
        StoreId = Staff?.StaffId == staff.StaffId && StoreId is not null ? StoreId : staff.StoreIds.FirstOrDefault();
        Staff = staff;
        await Save();
    }

    /// <summary>The stores a group-wide member works in (the group's, read after signing in); the first is where they start.</summary>
    public async Task UseStores(IReadOnlyList<string> storeIds)
    {
        Staff = Staff! with { StoreIds = storeIds };
        StoreId ??= storeIds.FirstOrDefault();
        await Save();
    }

    public async Task UseStore(string storeId)
    {
        StoreId = storeId;
        await Save();
    }

    public async Task SignOut()
    {
        (Token, Staff, StoreId) = (null, null, null);
        await js.InvokeVoidAsync("sessionStorage.removeItem", Key);
        Changed?.Invoke();
    }

    private async Task Save()
    {
        await js.InvokeVoidAsync("sessionStorage.setItem", Key, JsonSerializer.Serialize(new Saved(Token, Staff, StoreId), SessionJson.Default.Saved));
        Changed?.Invoke();
    }

    internal sealed record Saved(string? Token, SignedInStaff? Staff, string? StoreId);
}

// Written at build time, so the trimmed app keeps what the tab's saved session needs (no reflection over its types).
[JsonSerializable(typeof(Session.Saved))]
internal sealed partial class SessionJson : JsonSerializerContext;

/// <summary>The signed-in member of staff, as the token's answer named them.</summary>
public sealed record SignedInStaff(string StaffId, string DisplayName, StaffRole Role, string GroupId, IReadOnlyList<string> StoreIds, bool WholeGroup);
