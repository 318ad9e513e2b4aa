// The certificate's print button: shown only when JavaScript runs, since printing needs it.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
