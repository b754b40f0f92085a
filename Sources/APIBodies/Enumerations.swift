public import Scheduling

// The engine's enumerations a body can hold, with their JSON words (for the schema probe).
extension TriggerKind: SchemaEnumeration {}
extension Visibility: SchemaEnumeration {}
extension InformationForm: SchemaEnumeration {}
extension HolidayPolicy: SchemaEnumeration {}
extension Unavailability.Kind: SchemaEnumeration {}
