"""Forms, one module per area; crispy `FormHelper` layouts live next to the fields."""
