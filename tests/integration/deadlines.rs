//! Deadlines: the calendar, events and obligations, quotas, feedback periods,
//! traffic lights, check and remind.
