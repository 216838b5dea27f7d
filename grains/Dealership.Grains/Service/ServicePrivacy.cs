using Dealership.Contracts.Sales;
using Dealership.Contracts.Service;
using Dealership.Contracts.Staff;

namespace Dealership.Grains.Service;

/// <summary>
/// The customer's mobile in full for those who call the customer (the desk, the caller, the cashier); masked for the workshop,
/// the parts counter and group HQ, who read the order for the car and the work.
/// </summary>
internal static class ServicePrivacy
{
    private static bool Masked => Caller.IsDirect && Caller.Current is { Role: StaffRole.Technician or StaffRole.PartsPlanner or StaffRole.GroupHq };

    public static RepairOrderView ForCaller(RepairOrderView order) =>
        Masked ? order with { Arrival = order.Arrival with { Mobile = PersonalData.MaskMobile(order.Arrival.Mobile) } } : order;

    public static AppointmentView ForCaller(AppointmentView appointment) =>
        Masked ? appointment with { Booking = appointment.Booking with { Mobile = PersonalData.MaskMobile(appointment.Booking.Mobile) } } : appointment;
}
