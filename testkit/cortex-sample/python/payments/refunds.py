from payments.ledger import record_refund


class RefundError(Exception):
    pass


def refund(account, cents):
    if cents <= 0:
        raise RefundError("nothing to refund")
    record_refund(account, -cents)
