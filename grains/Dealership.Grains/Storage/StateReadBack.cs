using Orleans.Storage;

namespace Dealership.Grains.Storage;

/// <summary>Putting a grain's stored state back in memory after a change that failed, so nothing of the change stays behind.</summary>
public static class StateReadBack
{
    /// <summary>
    /// Reads the stored state back after <paramref name="failure"/>. If even that read fails (the database is gone), the
    /// activation must not go on from a state that may hold the failed change: the failure leaves as an inconsistent state,
    /// which makes Orleans drop the activation, so the next call reads the stored state afresh (an inconsistent state from the
    /// write itself does that already). The caller rethrows <paramref name="failure"/> when this returns.
    /// </summary>
    public static async Task ReadBackAfter<TState>(this IPersistentState<TState> state, Exception failure)
    {
        try
        {
            await state.ReadStateAsync();
        }
        catch (Exception) when (failure is not InconsistentStateException)
        {
            throw new InconsistentStateException("The stored state could not be read back after a failed change.", failure);
        }
        catch (Exception)
        {
            // The write's own inconsistent state, rethrown by the caller, drops the activation.
        }
    }
}
