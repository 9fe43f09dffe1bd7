def record_refund(account, cents):
    print(account, cents)
