using Dealership.Contracts.Common;
using Dealership.Contracts.Consultants;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Microsoft.AspNetCore.Identity;

namespace Dealership.Grains.Staff;

public sealed class StaffState : RecordedState
{
    public string? DisplayName { get; set; }
    public StaffRole Role { get; set; }
    public List<string> StoreIds { get; set; } = [];
    public bool WholeGroup { get; set; }
    public string PasswordHash { get; set; } = "";

    /// <summary>No password of the member's own yet (imported): they sign in with a one-time code.</summary>
    public bool AwaitingPassword { get; set; }

    /// <summary>The hash of the one-time sign-in code last issued, and until when it works.</summary>
    public string? SignInCodeHash { get; set; }
    public DateTimeOffset? SignInCodeExpires { get; set; }
    public bool Disabled { get; set; }
    public int FailedSignIns { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset? LastSignIn { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public int Revision { get; set; }
}

public sealed class StaffGrain(
    [PersistentState("staff", GrainsSetup.StorageName)] IPersistentState<StaffState> state,
    Database database,
    StoreGroups storeGroups,
    BusinessClock clock) : Grain, IStaffGrain, IScopedGrain
{
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutPeriod = TimeSpan.FromMinutes(15);

    /// <summary>How long a one-time sign-in code works: three days covers a weekend between the letter and the first shift.</summary>
    public static readonly TimeSpan SignInCodePeriod = TimeSpan.FromHours(72);

    private static readonly PasswordHasher<object> Hasher = new();
    private static readonly object HashUser = new();

    // What a password or code is checked against when there is none to check: as slow as a real check.
    private static readonly string DummyHash = Hasher.HashPassword(HashUser, "no password: a stand-in for the time a check takes");

    private (string GroupId, string StaffId) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    private bool Exists => state.State.DisplayName is not null;

    public ValueTask<GrainScope> GetScope() => ValueTask.FromResult(new GrainScope(Key.GroupId, null));

    public async Task<Outcome<StaffView>> Create(NewStaff staff)
    {
        var errors = staff.Validate();
        if (staff.Username != Key.StaffId)
        {
            errors.Add("username", "does not match the staff id.");
        }

        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if (Exists)
        {
            var same = state.State.DisplayName == staff.DisplayName && state.State.Role == staff.Role
                && state.State.WholeGroup == staff.WholeGroup && state.State.StoreIds.SequenceEqual(staff.StoreIds)
                && (staff.Password is null ? state.State.AwaitingPassword
                    : Hasher.VerifyHashedPassword(HashUser, state.State.PasswordHash, staff.Password) != PasswordVerificationResult.Failed);
            return same ? View() : Problem.Conflict("username-taken", $"Username '{staff.Username}' is already in use.");
        }

        if ((Roles.Refused("create staff", RoleSets.Administrators) ?? await CheckAssignment(staff.Role, staff.StoreIds, staff.WholeGroup)) is { } refused)
        {
            return refused;
        }

        if (!await GrainFactory.GetGrain<ILoginGrain>(GrainKeys.Login(Key.StaffId)).Claim(Key.GroupId))
        {
            return Problem.Conflict("username-taken", $"Username '{staff.Username}' is already in use.");
        }

        var now = clock.GetUtcNow();
        state.State.DisplayName = staff.DisplayName;
        state.State.Role = staff.Role;
        state.State.StoreIds = [.. staff.StoreIds];
        state.State.WholeGroup = staff.WholeGroup;
        state.State.PasswordHash = staff.Password is null ? "" : Hasher.HashPassword(HashUser, staff.Password);
        state.State.AwaitingPassword = staff.Password is null;
        state.State.CreatedAt = now;
        state.State.CreatedBy = Audit.Who;
        state.State.Revision = 1;
        Record(now, Audit.Who, $"created as {staff.Role}{(staff.Password is null ? ", to sign in first with a one-time code" : "")}");
        await state.WriteStateAsync();
        await Project();
        return View();
    }

    public Task<Outcome<StaffView>> Get() => Task.FromResult(Exists ? View() : NotFound());

    public async Task<Outcome<StaffView>> Assign(StaffAssignment assignment)
    {
        if (!Exists)
        {
            return NotFound();
        }

        var errors = assignment.Validate();
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if ((Roles.Refused("assign staff", RoleSets.Administrators) ?? await CheckAssignment(assignment.Role, assignment.StoreIds, assignment.WholeGroup))
            is { } refused)
        {
            return refused;
        }

        var before = (state.State.Role, Stores: state.State.StoreIds.ToArray(), state.State.WholeGroup);
        if (before.Role == assignment.Role && before.WholeGroup == assignment.WholeGroup && before.Stores.SequenceEqual(assignment.StoreIds))
        {
            return View();
        }

        state.State.Role = assignment.Role;
        state.State.StoreIds = [.. assignment.StoreIds];
        state.State.WholeGroup = assignment.WholeGroup;
        await Change($"assigned {assignment.Role} in {(assignment.WholeGroup ? "the whole group" : string.Join(", ", assignment.StoreIds))}");
        if (before.Role == StaffRole.SalesConsultant)
        {
            // Leave the floors the consultant no longer works on.
            foreach (var store in before.Stores.Where(s => assignment.Role != StaffRole.SalesConsultant || !assignment.StoreIds.Contains(s)))
            {
                await GrainFactory.GetGrain<IConsultantGrain>(GrainKeys.InStore(store, Key.StaffId)).Withdraw();
            }
        }

        await Project();
        return View();
    }

    public async Task<Outcome<StaffView>> SetDisabled(bool disabled)
    {
        if (!Exists)
        {
            return NotFound();
        }

        if (Roles.Refused("disable staff", RoleSets.Administrators) is { } refused)
        {
            return refused;
        }

        if (state.State.Disabled == disabled)
        {
            return View();
        }

        state.State.Disabled = disabled;
        await Change(disabled ? "disabled" : "enabled");
        await Project();
        return View();
    }

    public async Task<Outcome<SignIn>> SignIn(string password)
    {
        if (!Exists)
        {
            return NotFound();
        }

        var now = clock.GetUtcNow();
        if (state.State.LockedUntil is { } until && until > now)
        {
            return Problem.Refused("account-locked", $"Too many failed sign-ins; try again after {until:u} or ask an administrator.");
        }

        // A member awaiting their first sign-in has no password: any password fails, as a wrong one does, and takes as long.
        var result = Hasher.VerifyHashedPassword(HashUser, state.State.AwaitingPassword ? DummyHash : state.State.PasswordHash, password ?? "");
        if (state.State.AwaitingPassword)
        {
            result = PasswordVerificationResult.Failed;
        }
        if (result == PasswordVerificationResult.Failed)
        {
            return await Failed(now);
        }

        if (state.State.Disabled)
        {
            return Problem.Refused("account-disabled", "This account is disabled.");
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            state.State.PasswordHash = Hasher.HashPassword(HashUser, password!);
        }

        state.State.FailedSignIns = 0;
        state.State.LockedUntil = null;
        state.State.LastSignIn = now;

        // The member signed in with their password: a reset code issued meanwhile is not needed.
        (state.State.SignInCodeHash, state.State.SignInCodeExpires) = (null, null);
        await state.WriteStateAsync();
        return new SignIn(CallerOf(), state.State.Revision);
    }

    public async Task<Outcome<SignInCode>> IssueSignInCode()
    {
        if (!Exists)
        {
            return NotFound();
        }

        if ((Roles.Refused("issue sign-in codes", RoleSets.Administrators) ?? await CheckAssignment(state.State.Role, state.State.StoreIds,
                state.State.WholeGroup)) is { } refused)
        {
            return refused;
        }

        if (state.State.Disabled)
        {
            return Problem.Conflict("account-disabled", "This account is disabled: enable it before issuing a sign-in code.");
        }

        // A code replaces a password someone already has: an administrator of some stores could sign in as their general manager
        // with it. Resetting one is the whole group's IT's; a store's administrator issues codes for first sign-ins only.
        if (!state.State.AwaitingPassword && Caller.Current is { IsPlatform: false, WholeGroup: false })
        {
            return Problem.Forbidden("Only an administrator of the whole group resets the password of a member who has one.");
        }

        var now = clock.GetUtcNow();
        var code = SignInCodes.New();
        state.State.SignInCodeHash = Hasher.HashPassword(HashUser, SignInCodes.Plain(code));
        state.State.SignInCodeExpires = now + SignInCodePeriod;
        Record(now, Audit.Who, $"one-time sign-in code issued, good until {state.State.SignInCodeExpires:u}");
        await state.WriteStateAsync();
        return new SignInCode(Key.StaffId, code, state.State.SignInCodeExpires.Value);
    }

    public async Task<Outcome<SignIn>> FirstSignIn(string code, string newPassword)
    {
        var errors = NewStaff.ValidatePassword(new FieldErrors(), "newPassword", newPassword);
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if (!Exists)
        {
            return NotFound();
        }

        var now = clock.GetUtcNow();
        var s = state.State;
        if (s.LockedUntil is { } until && until > now)
        {
            return Problem.Refused("account-locked", $"Too many failed sign-ins; try again after {until:u} or ask an administrator.");
        }

        // Checked against a stand-in when no code is pending, so the time taken does not tell whether one is.
        var live = s.SignInCodeHash is not null && s.SignInCodeExpires > now;
        var matches = Hasher.VerifyHashedPassword(HashUser, live ? s.SignInCodeHash! : DummyHash, SignInCodes.Plain(code ?? ""))
            != PasswordVerificationResult.Failed;
        if (!live || !matches)
        {
            return await Failed(now);
        }

        if (s.Disabled)
        {
            return Problem.Refused("account-disabled", "This account is disabled.");
        }

        // The code works once; tokens from before (a forgotten password's sessions) stop working with the new password.
        s.PasswordHash = Hasher.HashPassword(HashUser, newPassword);
        (s.AwaitingPassword, s.SignInCodeHash, s.SignInCodeExpires) = (false, null, null);
        (s.FailedSignIns, s.LockedUntil, s.LastSignIn) = (0, null, now);
        s.Revision++;
        Record(now, Key.StaffId, "signed in with a one-time code and set their own password");
        await state.WriteStateAsync();
        return new SignIn(CallerOf(), s.Revision);
    }

    public Task<StaffStanding> GetStanding() =>
        Task.FromResult(new StaffStanding(Exists && !state.State.Disabled, state.State.Revision));

    /// <summary>Stores must belong to this group, and a store-scoped administrator may only staff their own stores.</summary>
    private async Task<Problem?> CheckAssignment(StaffRole role, IReadOnlyList<string> storeIds, bool wholeGroup)
    {
        var errors = new FieldErrors();
        for (var i = 0; i < storeIds.Count; i++)
        {
            if (await storeGroups.GroupOf(storeIds[i]) != Key.GroupId)
            {
                errors.Add($"storeIds[{i}]", $"'{storeIds[i]}' is not a store of this group.");
            }
        }

        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if (Caller.Current is { IsPlatform: false, WholeGroup: false } admin
            && (wholeGroup || storeIds.Any(s => !admin.StoreIds.Contains(s))))
        {
            return Problem.Forbidden("An administrator of some stores can only staff those stores.");
        }

        return null;
    }

    /// <summary>A wrong password or code: five in a row lock the account for a while.</summary>
    private async Task<Outcome<SignIn>> Failed(DateTimeOffset now)
    {
        state.State.FailedSignIns++;
        if (state.State.FailedSignIns >= MaxFailedSignIns)
        {
            state.State.FailedSignIns = 0;
            state.State.LockedUntil = now + LockoutPeriod;
            Record(now, "system", $"locked after {MaxFailedSignIns} failed sign-ins");
        }

        await state.WriteStateAsync();
        return Problem.Refused("bad-credentials", "Wrong username or password.");
    }

    private async Task Change(string what)
    {
        // A code issued before a change of role, stores or standing was issued for the member as they were: it no longer holds.
        (state.State.SignInCodeHash, state.State.SignInCodeExpires) = (null, null);
        state.State.Revision++;
        Record(clock.GetUtcNow(), Audit.Who, what);
        await state.WriteStateAsync();
    }

    /// <summary>Adds the change's audit line and the member's row on the group's staff list, to be written with the change.</summary>
    private void Record(DateTimeOffset at, string by, string what)
    {
        state.State.Pending.Add(new AuditRow(Key.GroupId, null, "staff", Key.StaffId, at, by, what));
        state.State.Pending.Add(new StaffRow(state.State.LockedUntil, ViewOf()));
    }

    public async Task<Outcome<Page<StaffChange>>> GetHistory(PageRequest page)
    {
        if (!Exists)
        {
            return NotFound();
        }

        if (Roles.Refused("read staff changes", RoleSets.StaffReaders) is { } refused)
        {
            return refused;
        }

        if (page.After is not null && Cursor.Number(page.After) is null)
        {
            return Problem.Invalid("after", "is not a cursor of this history.");
        }

        var rows = await database.Page(
            "SELECT seq, at, by, what FROM audit_trail WHERE group_id = $1 AND subject = 'staff' AND subject_id = $2 AND seq < $3 ORDER BY seq DESC",
            r => (Seq: r.GetInt64(0), Change: new StaffChange(r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), r.GetString(3))),
            c => Cursor.From(c.Seq), page, Key.GroupId, Key.StaffId, Cursor.Number(page.After) ?? long.MaxValue);
        return new Page<StaffChange>([.. rows.Items.Select(r => r.Change)], rows.Next);
    }

    /// <summary>Keeps the group's staff list and the store floors in step with this member.</summary>
    private async Task Project()
    {
        if (state.State.Role == StaffRole.SalesConsultant)
        {
            foreach (var store in state.State.StoreIds)
            {
                var consultant = GrainFactory.GetGrain<IConsultantGrain>(GrainKeys.InStore(store, Key.StaffId));
                _ = state.State.Disabled ? await consultant.Withdraw() : await consultant.Enrol(Key.GroupId, state.State.DisplayName!);
            }
        }
    }

    private Caller CallerOf() =>
        new(Key.StaffId, Key.GroupId, state.State.Role, state.State.StoreIds.ToArray(), state.State.WholeGroup, state.State.DisplayName!);

    private Outcome<StaffView> View() => ViewOf();

    private StaffView ViewOf()
    {
        var s = state.State;
        var locked = s.LockedUntil is { } until && until > clock.GetUtcNow() ? until : (DateTimeOffset?)null;
        return new StaffView(Key.StaffId, Key.GroupId, s.DisplayName!, s.Role, s.StoreIds.ToArray(), s.WholeGroup, s.Disabled,
            locked, s.CreatedAt, s.CreatedBy, s.Revision, s.AwaitingPassword);
    }

    private Problem NotFound() => Problem.NotFound($"Staff member '{Key.StaffId}'");
}
