public enum SchedulingPlaceholder {}
